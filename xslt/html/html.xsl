<?xml version="1.0" encoding="UTF-8"?>
<!--
  The HTML edition driver: TEI document in, one HTML5 page out.

  Applied to a TEI document it renders that document's page; called by name
  (index-page, persons-page, terms-page) it renders the site's list pages from
  the $documents and $register parameters. The chapter modules hold the
  templates; this file wires them together and holds the site-wide variables.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <xsl:include href="../common/functions.xsl"/>
  <xsl:include href="params.xsl"/>
  <xsl:include href="html_core.xsl"/>
  <xsl:include href="html_namesdates.xsl"/>
  <xsl:include href="html_notes.xsl"/>
  <xsl:include href="html_pages.xsl"/>

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no"
      include-content-type="no"/>

  <!-- Prefix for site URLs; always ends in "/" when set. -->
  <xsl:variable name="base" as="xs:string"
      select="if ($base-url = '' or ends-with($base-url, '/')) then $base-url
              else concat($base-url, '/')"/>

  <xsl:variable name="site-documents" as="element(tei:div)*"
      select="$documents ! tw:document(.)"/>

  <xsl:variable name="volume-title" as="xs:string?"
      select="($documents//tei:titleStmt/tei:title[@type = 'volume'],
               $documents//tei:sourceDesc/tei:bibl/tei:title[@level = 'm'])[1]
              ! normalize-space(.)"/>

  <xsl:variable name="site-name" as="xs:string"
      select="($site-title[normalize-space()], $volume-title, 'Documents')[1]"/>

  <xsl:variable name="has-terms" as="xs:boolean" select="exists($register/register/term)"/>

  <!-- A URL inside the site. -->
  <xsl:function name="tw:href" as="xs:string">
    <xsl:param name="file" as="xs:string"/>
    <xsl:sequence select="concat($base, $file)"/>
  </xsl:function>

  <!-- The site document with this id, when the site has one. -->
  <xsl:function name="tw:site-document" as="element(tei:div)?">
    <xsl:param name="id" as="xs:string"/>
    <xsl:sequence select="$site-documents[@xml:id = $id][1]"/>
  </xsl:function>

  <xsl:template match="/">
    <xsl:variable name="div" select="tw:document(.)"/>
    <xsl:if test="empty($div)">
      <xsl:message terminate="yes">no div type="document" in this TEI file</xsl:message>
    </xsl:if>
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="concat(tw:doc-number($div), '. ', tw:doc-title($div))"/>
      <xsl:with-param name="file" select="tw:doc-file($div, 'html')"/>
      <xsl:with-param name="lang" select="string((/tei:TEI/@xml:lang, 'en')[1])"/>
      <xsl:with-param name="script" select="$footnote-popups"/>
      <xsl:with-param name="content">
        <xsl:apply-templates select="$div"/>
        <xsl:call-template name="pager">
          <xsl:with-param name="div" select="$div"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
