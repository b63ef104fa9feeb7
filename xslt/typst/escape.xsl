<?xml version="1.0" encoding="UTF-8"?>
<!--
  Getting TEI text into Typst source so that it can only ever be text.

  Typst markup gives meaning to ASCII punctuation only (# $ * _ @ < > [ ] \ ~ / ` = - +
  . ' " : and friends) and to blank lines; every other character is set as itself. A
  backslash before any non-space character makes that character literal, so escaping
  every ASCII punctuation character and folding all line separators into spaces leaves
  no markup in a text node at all: "#read(...)" stays the text "#read(...)".
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tw="https://teiwright.org/ns/xslt"
    exclude-result-prefixes="#all">

  <!-- Line separators as Typst's lexer knows them, besides XML's own whitespace; a text
       node's line breaks are layout of the XML file, so each becomes a space. -->
  <xsl:variable name="tw:breaks" as="xs:string" select="'&#9;&#10;&#13;&#x85;&#x2028;&#x2029;'"/>
  <xsl:variable name="tw:spaces" as="xs:string" select="'      '"/>

  <!-- A text node as Typst markup: line breaks to spaces, ASCII punctuation escaped.
       Runs of spaces need no folding: Typst's markup collapses them itself. -->
  <xsl:function name="tw:typst-text" as="xs:string">
    <xsl:param name="text" as="xs:string?"/>
    <xsl:sequence select="replace(translate(string($text), $tw:breaks, $tw:spaces),
        '[!-/:-@\[-`{-~]', '\\$0')"/>
  </xsl:function>

  <!-- A value as a Typst string literal, for function arguments (ids, numbers, titles). -->
  <xsl:function name="tw:typst-string" as="xs:string">
    <xsl:param name="value" as="xs:string?"/>
    <xsl:variable name="flat" select="normalize-space(translate(string($value), $tw:breaks,
        $tw:spaces))"/>
    <xsl:sequence select="concat('&quot;',
        replace(replace($flat, '\\', '\\\\'), '&quot;', '\\&quot;'), '&quot;')"/>
  </xsl:function>

  <!-- A Typst array of string literals; the trailing comma keeps one item an array. -->
  <xsl:function name="tw:typst-strings" as="xs:string">
    <xsl:param name="values" as="xs:string*"/>
    <xsl:sequence select="concat('(', string-join($values ! (tw:typst-string(.) || ', ')),
        ')')"/>
  </xsl:function>
</xsl:stylesheet>
