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

  <!-- Which part of the book to write (the volume is typeset in parts, see layout.typ):
       'front' (title page, contents, persons and abbreviations), 'documents' (the
       documents $from to $to, in reading order, counting from 1) or 'back' (the index). -->
  <xsl:param name="part" as="xs:string" select="'documents'"/>
  <xsl:param name="from" as="xs:integer" select="1"/>
  <xsl:param name="to" as="xs:integer" select="1000000"/>

  <!-- The page number a documents or back part starts on. -->
  <xsl:param name="first-page" as="xs:integer" select="1"/>

  <!-- For the contents: <pages><page id="…" n="…"/></pages>, the page each section and
       document of the other parts starts on. -->
  <xsl:param name="pages" as="document-node()?" select="()"/>

  <!-- What a link to a label of another part is written as: this prefix and the label.
       teiwright.publishers.pdf_join turns such links into links inside the volume. -->
  <xsl:param name="xref-prefix" as="xs:string" select="'teiwright-label:'"/>

  <!-- The Typst module that defines the layout functions the generated markup calls,
       as a path inside the Typst root. -->
  <xsl:param name="layout" as="xs:string" select="'/layout.typ'"/>
</xsl:stylesheet>
