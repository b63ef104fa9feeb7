<?xml version="1.0" encoding="UTF-8"?>
<!--
  TEI document content to Typst markup: blocks, notes, page breaks and inline phrases.

  Every block starts with a blank line (a Typst paragraph break) unless an original
  page break stands right before it: then the block joins the page-break mark, so the
  "[Page N]" label lands on the block's first line instead of an empty line of its own.
  Block containers select element children only; their whitespace-only text nodes are
  layout of the XML file, not content.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    exclude-result-prefixes="#all">

  <!-- Typst function per hi/@rend token; tokens not listed leave the text plain. -->
  <xsl:variable name="tw:rend-functions" as="map(xs:string, xs:string)" select="map {
      'italic': 'emph', 'i': 'emph', 'bold': 'strong', 'b': 'strong', 'strong': 'strong',
      'underline': 'underline', 'superscript': 'super', 'sup': 'super',
      'subscript': 'sub', 'sub': 'sub', 'smallcaps': 'smallcaps', 'small-caps': 'smallcaps',
      'strikethrough': 'strike'}"/>

  <!-- The separator before a block: none right after a page break in the same container,
       nor before a note's first paragraph (it runs on after the note's number). -->
  <xsl:function name="tw:block-start" as="xs:string">
    <xsl:param name="block" as="element()"/>
    <xsl:sequence select="if ($block/preceding-sibling::*[1][self::tei:pb]
        or ($block/parent::tei:note and not($block/preceding-sibling::*))) then ''
        else '&#10;&#10;'"/>
  </xsl:function>

  <!-- Documents ========================================================================= -->

  <!-- A document: its heading (with head notes and leading page breaks), then its blocks. -->
  <xsl:template match="tei:div[@type = 'document']">
    <xsl:variable name="head" select="tei:head[1]"/>
    <xsl:text>&#10;&#10;#tw-document(n: </xsl:text>
    <xsl:value-of select="tw:typst-string(tw:doc-number(.))"/>
    <xsl:text>, id: </xsl:text>
    <xsl:value-of select="tw:typst-string(tw:label(.))"/>
    <xsl:text>, notes: (</xsl:text>
    <xsl:apply-templates select="$head//tei:note" mode="head-notes"/>
    <xsl:text>), marks: [</xsl:text>
    <xsl:apply-templates select="$head/preceding-sibling::tei:pb | $head//tei:pb"
        mode="head-marks"/>
    <xsl:text>])[</xsl:text>
    <xsl:apply-templates select="$head/node()"/>
    <xsl:text>]</xsl:text>
    <xsl:apply-templates select="* except ($head, $head/preceding-sibling::tei:pb)"/>
  </xsl:template>

  <!-- Attachments and other inner divisions: a subheading, then the blocks. -->
  <xsl:template match="tei:div">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:div/tei:head | tei:list/tei:head">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-subhead[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:div/tei:note[@type = 'label']">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-center[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Blocks ============================================================================ -->

  <xsl:template match="tei:p | tei:salute | tei:affiliation | tei:ab">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:apply-templates/>
  </xsl:template>

  <xsl:template match="tei:p[tokenize(@rend) = 'center']">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-center[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:p[tokenize(@rend) = ('right', 'flushright')] | tei:signed">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-signed[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:dateline">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-dateline[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:opener | tei:closer | tei:postscript">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="tei:quote[tei:p]">
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-quote[</xsl:text>
    <xsl:apply-templates select="*"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:list">
    <xsl:apply-templates select="tei:head"/>
    <xsl:value-of select="tw:block-start(.)"/>
    <xsl:text>#tw-list(</xsl:text>
    <xsl:for-each select="tei:item">
      <xsl:text>[</xsl:text>
      <xsl:apply-templates/>
      <xsl:text>], </xsl:text>
    </xsl:for-each>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <!-- Page breaks and notes ============================================================= -->

  <!-- An original page break in running text (also inside a name or a date), or between
       blocks (then the next block joins it, see tw:block-start). -->
  <xsl:template match="tei:pb[@n]">
    <xsl:variable name="between-blocks" select="exists(parent::tei:div | parent::tei:body
        | parent::tei:quote | parent::tei:list | parent::tei:opener | parent::tei:closer)"/>
    <xsl:if test="$between-blocks and not(preceding-sibling::*[1][self::tei:pb])">
      <xsl:text>&#10;&#10;</xsl:text>
    </xsl:if>
    <xsl:call-template name="tw:page-mark">
      <xsl:with-param name="start" select="$between-blocks"/>
    </xsl:call-template>
  </xsl:template>

  <!-- A mark that opens a block (or a document's heading) says so: Typst places it at the
       top of the block's first line, not on its baseline as it does a mark in the text. -->
  <xsl:template match="tei:pb[@n]" mode="head-marks" name="tw:page-mark">
    <xsl:param name="start" as="xs:boolean" select="true()"/>
    <xsl:text>#tw-pb(</xsl:text>
    <xsl:value-of select="tw:typst-string(@n)"/>
    <xsl:if test="$start">, start: true</xsl:if>
    <xsl:text>)</xsl:text>
  </xsl:template>

  <xsl:template match="tei:pb"/>

  <!-- A footnote, marked with its own number ("1" for the source note). -->
  <xsl:template match="tei:note" name="tw:footnote">
    <xsl:param name="code" as="xs:boolean" select="false()"/>
    <xsl:value-of select="if ($code) then 'tw-note(' else '#tw-note('"/>
    <xsl:value-of select="tw:typst-string(tw:note-mark(.))"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates select="if (tei:p or tei:list or tei:quote) then * else node()"/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <!-- Notes and page breaks of a document's heading travel in tw-document's notes and
       marks arguments instead, so the contents and the PDF bookmarks show the heading
       without them (and the contents page gets no "[Page N]" of its own). -->
  <xsl:template match="tei:div[@type = 'document']/tei:head[1]//tei:note" priority="1"/>
  <xsl:template match="tei:div[@type = 'document']/tei:head[1]//tei:pb" priority="1"/>

  <xsl:template match="tei:note" mode="head-notes">
    <xsl:call-template name="tw:footnote">
      <xsl:with-param name="code" select="true()"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
  </xsl:template>

  <!-- Phrases =========================================================================== -->

  <xsl:template match="tei:hi">
    <xsl:variable name="functions" select="distinct-values(tokenize(@rend)
        ! $tw:rend-functions(lower-case(.)))"/>
    <xsl:value-of select="$functions ! concat('#', ., '[')" separator=""/>
    <xsl:apply-templates/>
    <xsl:value-of select="$functions ! ']'" separator=""/>
  </xsl:template>

  <xsl:template match="tei:lb">
    <xsl:text>#linebreak()</xsl:text>
  </xsl:template>

  <!-- A cross reference to a document of this volume becomes an internal link. -->
  <xsl:template match="tei:ref[tw:is-anchor(tw:id(@target))]">
    <xsl:text>#link(</xsl:text>
    <xsl:value-of select="tw:target(tw:id(@target))"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="tei:ref[matches(tw:safe-url(@target), '^(https?|mailto):', 'i')]">
    <xsl:text>#link(</xsl:text>
    <xsl:value-of select="tw:typst-string(tw:safe-url(@target))"/>
    <xsl:text>)[</xsl:text>
    <xsl:apply-templates/>
    <xsl:text>]</xsl:text>
  </xsl:template>

  <xsl:template match="text()">
    <xsl:value-of select="tw:typst-text(.)"/>
  </xsl:template>
</xsl:stylesheet>
