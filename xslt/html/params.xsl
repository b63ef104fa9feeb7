<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every tunable of the HTML edition, in one place. teiwright.publishers.html sets
  them; a profile may override them by redeclaring the parameter.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <!-- Site title shown in every banner; empty means the volume title of the TEI. -->
  <xsl:param name="site-title" as="xs:string" select="''"/>

  <!-- Prefix for every link and asset URL ("https://example.org/frus/"); empty keeps
       links relative, so the site works from any folder or file:// URL. -->
  <xsl:param name="base-url" as="xs:string" select="''"/>

  <!-- Every TEI document of the site, in reading order: the source of the index,
       the persons page and the previous/next links. -->
  <xsl:param name="documents" as="document-node()*" select="()"/>

  <!-- Persons and terms as a <register> document (see common/functions.xsl). -->
  <xsl:param name="register" as="document-node()?" select="()"/>

  <!-- Load the footnote pop-up script (progressive enhancement; pages work without). -->
  <xsl:param name="footnote-popups" as="xs:boolean" select="true()"/>
</xsl:stylesheet>
