<?xml version="1.0" encoding="UTF-8"?>
<!--
  Every tunable of the print edition, in one place. teiwright.publishers.pdf sets
  them; a profile may override them by redeclaring the parameter.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    exclude-result-prefixes="#all">

  <!-- The TEI of the volume: TEI files (or one teiCorpus of them) in reading order. -->
  <xsl:param name="documents" as="document-node()*" select="()"/>

  <!-- Persons and terms as a <register> document (see common/functions.xsl). -->
  <xsl:param name="register" as="document-node()?" select="()"/>

  <!-- Title for the title page, running heads and PDF metadata; empty means the
       volume title stated in the TEI headers, else a generic one. -->
  <xsl:param name="title" as="xs:string" select="''"/>

  <!-- The Typst module that defines the layout functions the generated markup calls,
       as a path inside the Typst root. -->
  <xsl:param name="layout" as="xs:string" select="'/layout.typ'"/>
</xsl:stylesheet>
