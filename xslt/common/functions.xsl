<?xml version="1.0" encoding="UTF-8"?>
<!--
  Format-neutral functions shared by every teiwright publisher (HTML, PDF).

  Publishers include this module and call these functions instead of repeating
  XPath over TEI, so the HTML and print editions label, number and link things
  the same way. Nothing here writes output markup.

  The register document: publishers receive persons and terms as one small XML
  document built in Python (teiwright.publishers.html.register_xml), so the
  stylesheets need not understand every register form:

    <register>
      <person id="p_BE_1" sort="Bunker, Ellsworth" name="Ellsworth Bunker" role="…"/>
      <term id="t_DOD_1" abbr="DOD" expansion="Department of Defense"/>
    </register>
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    exclude-result-prefixes="#all">

  <!-- A pointer as stored in TEI (#p_BE_1) or bare (p_BE_1): the id without "#". -->
  <xsl:function name="tw:id" as="xs:string">
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="replace(normalize-space($pointer), '^#', '')"/>
  </xsl:function>

  <!-- The document division of a TEI file: the first div[@type='document']. -->
  <xsl:function name="tw:document" as="element(tei:div)?">
    <xsl:param name="tei" as="node()"/>
    <xsl:sequence select="(root($tei)//tei:div[@type = 'document'])[1]"/>
  </xsl:function>

  <!-- The document number as printed (25); FRUS numbers documents within a volume. -->
  <xsl:function name="tw:doc-number" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="string(($div/@n, replace($div/@xml:id, '^d', ''))[1])"/>
  </xsl:function>

  <!-- The document title: its head without footnotes and without the leading "25. ";
       the header's main title when the division has no head. -->
  <xsl:function name="tw:doc-title" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="text" select="normalize-space(string-join(
        $div/tei:head[1]//text()[not(ancestor::tei:note)], ''))"/>
    <xsl:sequence select="(replace($text, '^\d+[A-Za-z]?\.\s+', '')[. ne ''],
        root($div)//tei:titleStmt/tei:title[@type = 'main'] ! normalize-space(.),
        'Untitled')[1]"/>
  </xsl:function>

  <!-- The file name a document page gets: d25 becomes d25.html (or .pdf, …). -->
  <xsl:function name="tw:doc-file" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:param name="extension" as="xs:string"/>
    <xsl:sequence select="concat(($div/@xml:id, concat('d', tw:doc-number($div)))[1],
        '.', $extension)"/>
  </xsl:function>

  <!-- The machine-readable value of a date: @when, else the start of its range. -->
  <xsl:function name="tw:date-value" as="xs:string?">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="($date/@when, $date/@from, $date/@notBefore)[1]
        ! tw:valid-datetime(string(.))"/>
  </xsl:function>

  <!-- A date or dateTime usable in HTML's datetime; anything else is dropped. -->
  <xsl:function name="tw:valid-datetime" as="xs:string?">
    <xsl:param name="value" as="xs:string"/>
    <xsl:sequence select="$value[matches(., '^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$')]"/>
  </xsl:function>

  <!-- A human description of a date's range attributes, for tooltips. -->
  <xsl:function name="tw:date-range" as="xs:string?">
    <xsl:param name="date" as="element(tei:date)"/>
    <xsl:sequence select="
        if ($date/@from and $date/@to) then concat($date/@from, ' to ', $date/@to)
        else if ($date/@notBefore and $date/@notAfter)
          then concat('between ', $date/@notBefore, ' and ', $date/@notAfter)
        else ()"/>
  </xsl:function>

  <!-- The label of an original page break ("Page 70"). -->
  <xsl:function name="tw:page-label" as="xs:string">
    <xsl:param name="pb" as="element(tei:pb)"/>
    <xsl:sequence select="concat('Page ', $pb/@n)"/>
  </xsl:function>

  <!-- A stable id for a footnote, and one for the reference that points at it. -->
  <xsl:function name="tw:note-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@xml:id, concat('fn', count($note/preceding::tei:note) + 1))[1])"/>
  </xsl:function>

  <xsl:function name="tw:noteref-id" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="concat(tw:note-id($note), '-ref')"/>
  </xsl:function>

  <!-- The marker of a footnote: its @n, else its position among the document's notes. -->
  <xsl:function name="tw:note-mark" as="xs:string">
    <xsl:param name="note" as="element(tei:note)"/>
    <xsl:sequence select="string(($note/@n, count($note/preceding::tei:note) + 1)[1])"/>
  </xsl:function>

  <!-- Whether an hi element states withheld text, as FRUS marks it ("not declassified"). -->
  <xsl:function name="tw:is-withheld" as="xs:boolean">
    <xsl:param name="hi" as="element(tei:hi)"/>
    <xsl:sequence select="matches(string($hi), 'not\s+declassified|withheld|omitted', 'i')"/>
  </xsl:function>

  <!-- A link target that is safe to publish: http(s), mailto or relative; else empty.
       The scheme is judged with every space and control character taken out, so that
       neither "java&#9;script:" nor a tab that became a space on the way can pass for a
       relative link; a browser's URL parser drops tabs and line breaks too. -->
  <xsl:function name="tw:safe-url" as="xs:string?">
    <xsl:param name="url" as="xs:string?"/>
    <xsl:variable name="clean" select="replace(normalize-space($url), '\p{Cc}', '')"/>
    <xsl:variable name="bare" select="replace($clean, '[\s\p{Cc}]', '')"/>
    <xsl:sequence select="$clean[not(matches($bare, '^[A-Za-z][A-Za-z0-9+.\-]*:'))
        or matches($bare, '^(https?|mailto):', 'i')]"/>
  </xsl:function>

  <!-- A register entry for a pointer (#p_BE_1 or #t_DOD_1), or empty when unknown. -->
  <xsl:function name="tw:person" as="element(person)?">
    <xsl:param name="register" as="document-node()?"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="$register/register/person[@id = tw:id($pointer)][1]"/>
  </xsl:function>

  <xsl:function name="tw:term" as="element(term)?">
    <xsl:param name="register" as="document-node()?"/>
    <xsl:param name="pointer" as="xs:string?"/>
    <xsl:sequence select="$register/register/term[@id = tw:id($pointer)][1]"/>
  </xsl:function>

  <!-- "Name, role" for a person entry: what a reader needs to place a mention. -->
  <xsl:function name="tw:person-label" as="xs:string">
    <xsl:param name="person" as="element(person)"/>
    <xsl:sequence select="string-join(($person/@name, $person/@role[normalize-space()]), ', ')"/>
  </xsl:function>
</xsl:stylesheet>
