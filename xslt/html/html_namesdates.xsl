<?xml version="1.0" encoding="UTF-8"?>
<!--
  Names, dates and abbreviations (TEI "namesdates" and glossing): each becomes the
  HTML element that carries its meaning to browsers and assistive technology.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- A known person links to their entry; the tooltip gives full name and role. -->
  <xsl:template match="tei:persName[@corresp]">
    <xsl:variable name="person" select="tw:person($register, @corresp)"/>
    <xsl:choose>
      <xsl:when test="empty($person)">
        <span class="persName"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:when test="tw:in-link(.) or .//tei:note or .//tei:ref">
        <span class="persName" title="{tw:person-label($person)}"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <a class="persName" href="{tw:href('persons.html')}#{$person/@id}"
           title="{tw:person-label($person)}"><xsl:apply-templates/></a>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:persName">
    <span class="persName"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="tei:placeName">
    <span class="placeName"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- A date with a machine-readable value; ranges keep their end in the tooltip. -->
  <xsl:template match="tei:date[exists(tw:date-value(.))]">
    <time datetime="{tw:date-value(.)}">
      <xsl:for-each select="tw:date-range(.)">
        <xsl:attribute name="title" select="."/>
      </xsl:for-each>
      <xsl:apply-templates/>
    </time>
  </xsl:template>

  <xsl:template match="tei:date">
    <span class="date"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- An abbreviation explained by the terms register. -->
  <xsl:template match="tei:gloss[exists(tw:term($register, @target))]">
    <abbr title="{tw:term($register, @target)/@expansion}"><xsl:apply-templates/></abbr>
  </xsl:template>

  <xsl:template match="tei:gloss">
    <abbr><xsl:apply-templates/></abbr>
  </xsl:template>
</xsl:stylesheet>
