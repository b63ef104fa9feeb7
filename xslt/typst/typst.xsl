<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI to Typst: the print edition of a volume or of any set of documents.

  Called as the named template "main" with the TEI files in $documents, once per part
  of the book ($part, see params.xsl): the front (title page, contents, persons and
  abbreviations lists from $register), the documents in order (core.xsl), a range at a
  time, and the back (an index of persons with the numbers of the documents that
  mention them). Each call writes one Typst source that imports layout.typ and calls
  its functions. A link to a place in another part is written as a link to
  "$xref-prefix + label", which the join of the parts turns into an internal link.
  Everything taken from TEI reaches Typst through escape.xsl.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns:map="http://www.w3.org/2005/xpath-functions/map"
    exclude-result-prefixes="#all">

  <xsl:import href="../common/functions.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="escape.xsl"/>
  <xsl:include href="core.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <!-- The documents in reading order (outermost document divisions). -->
  <xsl:variable name="tw:divs" as="element(tei:div)*" select="
      $documents//tei:div[@type = 'document'][not(ancestor::tei:div[@type = 'document'])]"/>

  <!-- Document ids that occur once in the volume: the only safe link targets. A map,
       so that each lookup costs the same in a volume of 20 documents or of 2,000. -->
  <xsl:variable name="tw:anchors" as="map(xs:string, xs:boolean)">
    <xsl:map>
      <xsl:for-each-group select="$tw:divs[@xml:id]" group-by="string(@xml:id)">
        <xsl:if test="count(current-group()) = 1">
          <xsl:map-entry key="current-grouping-key()" select="true()"/>
        </xsl:if>
      </xsl:for-each-group>
    </xsl:map>
  </xsl:variable>

  <xsl:function name="tw:is-anchor" as="xs:boolean">
    <xsl:param name="id" as="xs:string?"/>
    <xsl:sequence select="exists($id) and map:contains($tw:anchors, $id)"/>
  </xsl:function>

  <xsl:function name="tw:anchor" as="xs:string?">
    <xsl:param name="div" as="element()"/>
    <xsl:sequence select="$div/@xml:id[tw:is-anchor(string(.))]/string()"/>
  </xsl:function>

  <!-- The label of a document's heading, also its PDF named destination: its xml:id
       when that is unique in the volume, else one made from its position. Labels the
       stylesheet makes up contain a colon, which no xml:id can, so they never collide. -->
  <xsl:function name="tw:label" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:sequence select="(tw:anchor($div), 'tw:doc-' || $tw:order(generate-id($div)))[1]"/>
  </xsl:function>

  <!-- The documents of this part, and the labels that exist in it. -->
  <xsl:variable name="tw:part-divs" as="element(tei:div)*"
      select="if ($part = 'documents') then $tw:divs[position() = $from to $to] else ()"/>

  <xsl:variable name="tw:local" as="xs:string*" select="($tw:part-divs ! tw:label(.),
      if ($part = 'documents' and $from = 1) then 'tw:documents' else (),
      if ($part = 'front') then ('tw:persons', 'tw:terms') else (),
      if ($part = 'back') then 'tw:index' else ())"/>

  <!-- A link target as a Typst value: the label itself when it is in this part, else
       the placeholder link that the join of the parts resolves. -->
  <xsl:function name="tw:target" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:sequence select="if ($label = $tw:local) then concat('label(', tw:typst-string($label), ')')
        else tw:typst-string($xref-prefix || $label)"/>
  </xsl:function>

  <xsl:key name="tw:page" match="page" use="@id"/>

  <!-- Reading-order position of each document, to list index references in order. -->
  <xsl:variable name="tw:order" as="map(xs:string, xs:integer)" select="map:merge(
      for $i in 1 to count($tw:divs) return map {generate-id($tw:divs[$i]): $i})"/>

  <xsl:variable name="tw:headers" select="$documents//tei:teiHeader"/>

  <xsl:variable name="tw:numbers" as="xs:string*"
      select="$tw:divs ! tw:doc-number(.)[.]"/>

  <xsl:variable name="tw:range" as="xs:string?" select="
      if (count($tw:numbers) gt 1) then concat('Documents ', $tw:numbers[1], '–', $tw:numbers[last()])
      else $tw:numbers ! concat('Document ', .)"/>

  <xsl:variable name="tw:title" as="xs:string" select="(
      $title[normalize-space()],
      $tw:headers//tei:titleStmt/tei:title[@type = 'volume'],
      $tw:headers//tei:sourceDesc//tei:title[@level = 'm'],
      $tw:divs[last() = 1] ! tw:doc-title(.),
      'Documents')[1] ! normalize-space()"/>

  <xsl:variable name="tw:editors" as="xs:string*"
      select="distinct-values($tw:headers//tei:titleStmt/tei:editor ! normalize-space())"/>

  <xsl:variable name="tw:publisher" as="xs:string?"
      select="($tw:headers//tei:publicationStmt/tei:publisher ! normalize-space())[1]"/>

  <xsl:variable name="tw:lang" as="xs:string" select="
      (($documents//tei:TEI/@xml:lang ! lower-case(.))[matches(., '^[a-z]{2,3}$')], 'en')[1]"/>

  <!-- The label of every document, a line each in reading order: how the caller tells
       where in a typeset part each document begins. -->
  <xsl:template name="labels">
    <xsl:value-of select="$tw:divs ! tw:label(.)" separator="&#10;"/>
  </xsl:template>

  <!-- A part with nothing to print (the back of a volume without an index) is empty. -->
  <xsl:template name="main">
    <xsl:if test="$part ne 'back' or exists($tw:mentions)">
      <xsl:call-template name="tw:part"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tw:part">
    <xsl:text>#import </xsl:text>
    <xsl:value-of select="tw:typst-string($layout)"/>
    <xsl:text>: *&#10;#show: tw-book.with(title: </xsl:text>
    <xsl:value-of select="tw:typst-string($tw:title)"/>
    <xsl:text>, subtitle: </xsl:text>
    <xsl:value-of select="($tw:range ! tw:typst-string(.), 'none')[1]"/>
    <xsl:text>, editors: </xsl:text>
    <xsl:value-of select="tw:typst-strings($tw:editors)"/>
    <xsl:text>, publisher: </xsl:text>
    <xsl:value-of select="($tw:publisher ! tw:typst-string(.), 'none')[1]"/>
    <xsl:text>, author: </xsl:text>
    <xsl:value-of select="tw:typst-strings(if (exists($tw:editors)) then $tw:editors
        else $tw:publisher)"/>
    <xsl:text>, description: </xsl:text>
    <xsl:value-of select="tw:typst-string(string-join(('Print edition', $tw:range), ': '))"/>
    <xsl:text>, lang: </xsl:text>
    <xsl:value-of select="tw:typst-string($tw:lang)"/>
    <xsl:text>, part: </xsl:text>
    <xsl:value-of select="tw:typst-string($part)"/>
    <xsl:text>, first-page: </xsl:text>
    <xsl:value-of select="$first-page"/>
    <xsl:text>)&#10;</xsl:text>
    <xsl:choose>
      <xsl:when test="$part = 'front'">
        <xsl:call-template name="tw:contents"/>
        <xsl:call-template name="tw:persons"/>
        <xsl:call-template name="tw:terms"/>
      </xsl:when>
      <xsl:when test="$part = 'back'">
        <xsl:call-template name="tw:index"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:if test="$from = 1">
          <xsl:text>&#10;&#10;#tw-section(id: "tw:documents")[Documents]</xsl:text>
        </xsl:if>
        <xsl:apply-templates select="$tw:part-divs"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>&#10;</xsl:text>
  </xsl:template>

  <!-- The contents: the front sections, then the documents and the index, with the page
       numbers the other parts were typeset on. -->
  <xsl:template name="tw:contents">
    <xsl:variable name="register" select="$register/register"/>
    <xsl:text>&#10;&#10;#tw-contents[</xsl:text>
    <xsl:if test="exists($register/person)">
      <xsl:sequence select="tw:contents-entry(1, 'tw:persons', 'Persons')"/>
    </xsl:if>
    <xsl:if test="exists($register/term)">
      <xsl:sequence select="tw:contents-entry(1, 'tw:terms', 'Abbreviations and Terms')"/>
    </xsl:if>
    <xsl:sequence select="tw:contents-entry(1, 'tw:documents', 'Documents')"/>
    <xsl:for-each select="$tw:divs">
      <xsl:variable name="head" select="normalize-space(string-join(
          tei:head[1]//text()[not(ancestor::tei:note)], ''))"/>
      <xsl:sequence select="tw:contents-entry(2, tw:label(.), ($head[.],
          concat(tw:doc-number(.), '. ', tw:doc-title(.)))[1])"/>
    </xsl:for-each>
    <xsl:if test="exists($tw:mentions)">
      <xsl:sequence select="tw:contents-entry(1, 'tw:index', 'Index of Persons')"/>
    </xsl:if>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:function name="tw:contents-entry" as="xs:string">
    <xsl:param name="level" as="xs:integer"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="title" as="xs:string"/>
    <xsl:variable name="number" select="$pages ! key('tw:page', $label, .)/@n"/>
    <xsl:sequence select="concat('&#10;#tw-contents-entry(level: ', $level, ', target: ',
        tw:target($label), ', number: ', ($number ! tw:typst-string(.), 'none')[1], ')[',
        tw:typst-text($title), ']')"/>
  </xsl:function>

  <!-- Front matter: the registers as the volume prints them =========================== -->

  <xsl:template name="tw:persons">
    <xsl:variable name="persons" select="$register/register/person"/>
    <xsl:if test="exists($persons)">
      <xsl:text>&#10;&#10;#tw-section(id: "tw:persons")[Persons]&#10;</xsl:text>
      <xsl:for-each select="$persons">
        <xsl:sort select="lower-case(@sort)"/>
        <xsl:value-of select="concat('&#10;#tw-entry[', tw:typst-text(@sort), '][',
            tw:typst-text(@role), ']')"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <xsl:template name="tw:terms">
    <xsl:variable name="terms" select="$register/register/term"/>
    <xsl:if test="exists($terms)">
      <xsl:text>&#10;&#10;#tw-section(id: "tw:terms")[Abbreviations and Terms]&#10;</xsl:text>
      <xsl:for-each select="$terms">
        <xsl:sort select="lower-case(@abbr)"/>
        <xsl:value-of select="concat('&#10;#tw-entry[', tw:typst-text(@abbr), '][',
            tw:typst-text(@expansion), ']')"/>
      </xsl:for-each>
    </xsl:if>
  </xsl:template>

  <!-- Back matter: who is mentioned in which document ================================= -->

  <xsl:variable name="tw:mentions" as="element()*" select="$tw:divs !
      (.//tei:persName[@corresp] | .//tei:signed[@corresp])"/>

  <xsl:template name="tw:index">
    <xsl:variable name="mentions" select="$tw:mentions"/>
    <xsl:if test="exists($mentions)">
      <xsl:text>&#10;&#10;#tw-section(id: "tw:index")[Index of Persons]&#10;#tw-columns[</xsl:text>
      <xsl:for-each-group select="$mentions" group-by="tokenize(@corresp) ! tw:id(.)">
        <xsl:sort select="lower-case(tw:index-name(current-grouping-key(), current-group()[1]))"/>
        <xsl:variable name="docs" select="sort(
            current-group()/ancestor::tei:div[@type = 'document'][last()], (),
            function($div) { $tw:order(generate-id($div)) })"/>
        <xsl:text>&#10;#tw-index-entry([</xsl:text>
        <xsl:value-of select="tw:typst-text(tw:index-name(current-grouping-key(),
            current-group()[1]))"/>
        <xsl:text>]</xsl:text>
        <xsl:for-each select="$docs">
          <xsl:value-of select="', ' || tw:doc-link(.)"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:for-each-group>
      <xsl:text>]</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- The name an index entry is filed under: the register's inverted form, else the
       first mention as written. -->
  <xsl:function name="tw:index-name" as="xs:string">
    <xsl:param name="id" as="xs:string"/>
    <xsl:param name="mention" as="element()"/>
    <xsl:sequence select="(tw:person($register, $id)/@sort[normalize-space()],
        normalize-space($mention))[1]"/>
  </xsl:function>

  <!-- A document number in the index, linked to the document. -->
  <xsl:function name="tw:doc-link" as="xs:string">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="number" select="concat('[', tw:typst-text(tw:doc-number($div)), ']')"/>
    <xsl:sequence select="concat('link(', tw:target(tw:label($div)), ', ', $number, ')')"/>
  </xsl:function>
</xsl:stylesheet>
