<?xml version="1.0" encoding="UTF-8"?>
<!--
  Text structure (TEI "core" and "textstructure" chapters): divisions, heads,
  paragraphs, lists, quotations, opener and closer, page breaks, highlighting
  and links. Each template matches one TEI element in one context.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Class tokens from a TEI @rend, reduced to safe characters. -->
  <xsl:function name="tw:classes" as="xs:string">
    <xsl:param name="base" as="xs:string*"/>
    <xsl:param name="rend" as="xs:string?"/>
    <xsl:sequence select="string-join(($base, tokenize(normalize-space($rend), ' ')
        ! replace(., '[^A-Za-z0-9_-]', '') [. ne ''] ! concat('rend-', .)), ' ')"/>
  </xsl:function>

  <xsl:template match="tei:div[@type = 'document']">
    <article class="document" id="{@xml:id}" aria-labelledby="{@xml:id}-title">
      <header class="doc-header">
        <h1 id="{@xml:id}-title"><xsl:apply-templates select="tei:head[1]/node()"/></h1>
      </header>
      <div class="doc-text">
        <xsl:apply-templates select="node() except tei:head[1]"/>
      </div>
      <xsl:call-template name="notes">
        <xsl:with-param name="div" select="."/>
      </xsl:call-template>
    </article>
  </xsl:template>

  <!-- Attachments and other sub-divisions: a section with a heading one level down. -->
  <xsl:template match="tei:div">
    <section class="div div-{replace(@type, '[^A-Za-z0-9_-]', '')}">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <xsl:apply-templates/>
    </section>
  </xsl:template>

  <!-- The document title is h1, so a division n levels inside it gets h(n+1). -->
  <xsl:template match="tei:div/tei:head">
    <xsl:variable name="depth" select="count(ancestor::tei:div
        intersect ancestor::tei:div[@type = 'document'][1]/descendant-or-self::tei:div)"/>
    <xsl:element name="h{max((2, min((6, $depth))))}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- A division's label ("Tab A") printed before its heading. -->
  <xsl:template match="tei:div/tei:note[@type = 'label']">
    <p class="div-label"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:p">
    <p class="{tw:classes((), @rend)}"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:p[not(@rend)]">
    <p><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:opener">
    <div class="opener"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:dateline">
    <p class="dateline"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:salute">
    <p class="salute"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:closer">
    <div class="closer"><xsl:apply-templates/></div>
  </xsl:template>

  <xsl:template match="tei:signed">
    <p class="signed"><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:affiliation">
    <span class="affiliation"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:lb">
    <br/>
  </xsl:template>

  <!-- A list keeps its head as a label the list points to. -->
  <xsl:template match="tei:list">
    <xsl:variable name="label-id" select="concat(ancestor::tei:div[@xml:id][1]/@xml:id, '-list',
        count(preceding::tei:list | ancestor::tei:list) + 1)"/>
    <div class="list list-{replace(@type, '[^A-Za-z0-9_-]', '')}">
      <xsl:if test="tei:head">
        <p class="list-head" id="{$label-id}"><xsl:apply-templates select="tei:head/node()"/></p>
      </xsl:if>
      <ul>
        <xsl:if test="tei:head">
          <xsl:attribute name="aria-labelledby" select="$label-id"/>
        </xsl:if>
        <xsl:apply-templates select="tei:item"/>
      </ul>
    </div>
  </xsl:template>

  <xsl:template match="tei:item">
    <li><xsl:apply-templates/></li>
  </xsl:template>

  <!-- Block quotations hold paragraphs; a quote inside running text stays inline. -->
  <xsl:template match="tei:quote">
    <blockquote><xsl:apply-templates/></blockquote>
  </xsl:template>

  <xsl:template match="tei:quote[not(tei:p)]">
    <blockquote><p><xsl:apply-templates/></p></blockquote>
  </xsl:template>

  <xsl:template match="tei:p//tei:quote | tei:item//tei:quote | tei:head//tei:quote
                       | tei:note//tei:quote[not(tei:p)]" priority="2">
    <q><xsl:apply-templates/></q>
  </xsl:template>

  <!-- The printed page break: a mark at its exact place, its label in the margin. -->
  <!-- A page break between blocks marks the boundary across the column instead. -->
  <xsl:template match="tei:div/tei:pb">
    <div class="pb pb-block">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <span class="pb-label">[<xsl:value-of select="tw:page-label(.)"/>]</span>
    </div>
  </xsl:template>

  <xsl:template match="tei:pb">
    <span class="pb">
      <xsl:if test="@xml:id"><xsl:attribute name="id" select="@xml:id"/></xsl:if>
      <span class="pb-label">[<xsl:value-of select="tw:page-label(.)"/>]</span>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi[tw:is-withheld(.)]" priority="2">
    <span class="withheld" title="Withheld from declassification">
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = 'italic']">
    <i><xsl:apply-templates/></i>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('bold', 'strong')]">
    <b><xsl:apply-templates/></b>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = 'underline']">
    <u><xsl:apply-templates/></u>
  </xsl:template>

  <xsl:template match="tei:hi[@rend = ('superscript', 'sup')]">
    <sup><xsl:apply-templates/></sup>
  </xsl:template>

  <xsl:template match="tei:hi">
    <span class="{tw:classes('hi', @rend)}"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A link, unless it would nest inside another link (HTML forbids that). -->
  <xsl:template match="tei:ref">
    <xsl:variable name="href" select="tw:ref-href(.)"/>
    <xsl:choose>
      <xsl:when test="exists($href) and not(tw:in-link(.)) and not(.//tei:note)">
        <a class="ref" href="{$href}"><xsl:apply-templates/></a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ref"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a ref points on the site: another document page, a place on this page,
       or an outside URL that is safe to follow. -->
  <xsl:function name="tw:ref-href" as="xs:string?">
    <xsl:param name="ref" as="element(tei:ref)"/>
    <xsl:variable name="target" select="normalize-space($ref/@target)"/>
    <xsl:variable name="id" select="tw:id($target)"/>
    <xsl:sequence select="
        if (not(starts-with($target, '#'))) then tw:safe-url($target)
        else if (exists(tw:site-document($id))) then tw:href(concat($id, '.html'))
        else if (exists(root($ref)//*[@xml:id = $id])) then concat('#', $id)
        else ()"/>
  </xsl:function>

  <!-- Whether an element sits inside something rendered as a link. -->
  <xsl:function name="tw:in-link" as="xs:boolean">
    <xsl:param name="node" as="element()"/>
    <xsl:sequence select="exists($node/ancestor::tei:ref[exists(tw:ref-href(.))])
        or exists($node/ancestor::tei:persName[exists(tw:person($register, @corresp))])"/>
  </xsl:function>
</xsl:stylesheet>
