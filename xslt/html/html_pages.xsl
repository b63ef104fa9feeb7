<?xml version="1.0" encoding="UTF-8"?>
<!--
  The site around the documents: the page shell (banner, navigation, landmarks,
  footer), previous/next links, and the index, persons and abbreviations pages.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- One HTML page: every page of the site shares this shell. -->
  <xsl:template name="page">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="script" as="xs:boolean" select="false()"/>
    <xsl:param name="content" as="node()*"/>
    <html lang="{$lang}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="teiwright"/>
        <title><xsl:value-of select="$title"/> — <xsl:value-of select="$site-name"/></title>
        <xsl:if test="$base ne ''">
          <link rel="canonical" href="{tw:href($file)}"/>
        </xsl:if>
        <link rel="stylesheet" href="{tw:href('assets/edition.css')}"/>
        <link rel="stylesheet" href="{tw:href('assets/print.css')}" media="print"/>
        <xsl:if test="$script">
          <script src="{tw:href('assets/notes.js')}" defer="defer"></script>
        </xsl:if>
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to main content</a>
        <header class="site-header">
          <p class="site-title"><a href="{tw:href('index.html')}"><xsl:value-of select="$site-name"/></a></p>
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="file" select="'index.html'"/>
                <xsl:with-param name="label" select="'Documents'"/>
                <xsl:with-param name="current" select="$file"/>
              </xsl:call-template>
              <xsl:call-template name="nav-item">
                <xsl:with-param name="file" select="'persons.html'"/>
                <xsl:with-param name="label" select="'Persons'"/>
                <xsl:with-param name="current" select="$file"/>
              </xsl:call-template>
              <xsl:if test="$has-terms">
                <xsl:call-template name="nav-item">
                  <xsl:with-param name="file" select="'abbreviations.html'"/>
                  <xsl:with-param name="label" select="'Abbreviations'"/>
                  <xsl:with-param name="current" select="$file"/>
                </xsl:call-template>
              </xsl:if>
            </ul>
          </nav>
        </header>
        <main id="main" tabindex="-1">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer">
          <p>
            <xsl:value-of select="($documents//tei:availability/tei:licence)[1]
                ! normalize-space(.)"/>
          </p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="nav-item">
    <xsl:param name="file" as="xs:string"/>
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="current" as="xs:string"/>
    <li>
      <a href="{tw:href($file)}">
        <xsl:if test="$file = $current">
          <xsl:attribute name="aria-current" select="'page'"/>
        </xsl:if>
        <xsl:value-of select="$label"/>
      </a>
    </li>
  </xsl:template>

  <!-- Links to the documents before and after this one in the site's order. -->
  <xsl:template name="pager">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="at" select="(for $i in 1 to count($site-documents)
        return $i[$site-documents[$i]/@xml:id = $div/@xml:id])[1]"/>
    <xsl:if test="exists($at) and count($site-documents) gt 1">
      <nav class="pager" aria-label="Previous and next document">
        <ul>
          <xsl:for-each select="$site-documents[$at - 1]">
            <li class="prev">
              <a rel="prev" href="{tw:href(tw:doc-file(., 'html'))}">
                <span class="pager-label">Previous: </span>
                <xsl:value-of select="concat(tw:doc-number(.), '. ', tw:doc-title(.))"/>
              </a>
            </li>
          </xsl:for-each>
          <xsl:for-each select="$site-documents[$at + 1]">
            <li class="next">
              <a rel="next" href="{tw:href(tw:doc-file(., 'html'))}">
                <span class="pager-label">Next: </span>
                <xsl:value-of select="concat(tw:doc-number(.), '. ', tw:doc-title(.))"/>
              </a>
            </li>
          </xsl:for-each>
        </ul>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- The volume: every document with its number, title and date. -->
  <xsl:template name="index-page">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="'Documents'"/>
      <xsl:with-param name="file" select="'index.html'"/>
      <xsl:with-param name="content">
        <h1><xsl:value-of select="($volume-title, $site-name)[1]"/></h1>
        <p class="count"><xsl:value-of select="count($site-documents)"/> documents</p>
        <ol class="documents">
          <xsl:for-each select="$site-documents">
            <xsl:variable name="date" select="(tei:opener/tei:dateline//tei:date,
                tei:dateline//tei:date)[1]"/>
            <li>
              <a href="{tw:href(tw:doc-file(., 'html'))}">
                <span class="doc-number"><xsl:value-of select="tw:doc-number(.)"/>.</span>
                <xsl:text> </xsl:text>
                <xsl:value-of select="tw:doc-title(.)"/>
              </a>
              <xsl:for-each select="$date">
                <xsl:text> </xsl:text>
                <xsl:apply-templates select="."/>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ol>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Register persons, or (without a register) the people the documents identify. -->
  <xsl:variable name="persons" as="element(person)*">
    <xsl:choose>
      <xsl:when test="exists($register/register/person)">
        <xsl:sequence select="$register/register/person"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each-group select="$site-documents//tei:persName[@corresp]"
            group-by="tw:id(@corresp)">
          <xsl:sort select="current-grouping-key()"/>
          <person id="{current-grouping-key()}" name="{normalize-space(.)}" xmlns=""/>
        </xsl:for-each-group>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- Each person with the documents that mention them, in site order. -->
  <xsl:template name="persons-page">
    <xsl:variable name="mentions" as="map(xs:string, xs:string*)">
      <xsl:map>
        <xsl:for-each-group select="$site-documents//tei:persName[@corresp]"
            group-by="tw:id(@corresp)">
          <xsl:map-entry key="current-grouping-key()" select="distinct-values(
              current-group() ! string(ancestor::tei:div[@type = 'document'][1]/@xml:id))"/>
        </xsl:for-each-group>
      </xsl:map>
    </xsl:variable>
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="'Persons'"/>
      <xsl:with-param name="file" select="'persons.html'"/>
      <xsl:with-param name="content">
        <h1>Persons</h1>
        <dl class="persons">
          <xsl:for-each select="$persons">
            <xsl:variable name="ids" select="$mentions(string(@id))"/>
            <dt id="{@id}"><xsl:value-of select="(@sort, @name)[1]"/></dt>
            <dd>
              <xsl:if test="normalize-space(@role)">
                <p class="role"><xsl:value-of select="@role"/></p>
              </xsl:if>
              <xsl:if test="exists($ids)">
                <p class="mentions">
                  <xsl:text>Documents: </xsl:text>
                  <xsl:for-each select="$site-documents[@xml:id = $ids]">
                    <xsl:if test="position() gt 1">, </xsl:if>
                    <a href="{tw:href(tw:doc-file(., 'html'))}"
                       title="{tw:doc-title(.)}"><xsl:value-of select="tw:doc-number(.)"/></a>
                  </xsl:for-each>
                </p>
              </xsl:if>
            </dd>
          </xsl:for-each>
        </dl>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="terms-page">
    <xsl:call-template name="page">
      <xsl:with-param name="title" select="'Abbreviations and Terms'"/>
      <xsl:with-param name="file" select="'abbreviations.html'"/>
      <xsl:with-param name="content">
        <h1>Abbreviations and Terms</h1>
        <dl class="terms">
          <xsl:for-each select="$register/register/term">
            <dt id="{@id}"><abbr><xsl:value-of select="@abbr"/></abbr></dt>
            <dd><xsl:value-of select="@expansion"/></dd>
          </xsl:for-each>
        </dl>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
