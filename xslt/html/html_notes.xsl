<?xml version="1.0" encoding="UTF-8"?>
<!--
  Footnotes, two-way: the reference is a superscript link to the note, and every
  note links back to its reference. The source note opens the notes, set apart.
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:tw="https://teiwright.org/ns/xslt"
    xmlns="http://www.w3.org/1999/xhtml"
    exclude-result-prefixes="#all">

  <!-- Where the note is anchored in the text: its reference mark. -->
  <xsl:template match="tei:note[not(@type = 'label')]">
    <sup class="noteref{if (@type = 'source') then ' source-ref' else ''}">
      <a href="#{tw:note-id(.)}" id="{tw:noteref-id(.)}" role="doc-noteref"
         aria-label="Note {tw:note-mark(.)}">
        <xsl:value-of select="tw:note-mark(.)"/>
      </a>
    </sup>
  </xsl:template>

  <xsl:template name="notes">
    <xsl:param name="div" as="element(tei:div)"/>
    <xsl:variable name="notes" select="$div//tei:note[not(@type = 'label')]"/>
    <xsl:if test="exists($notes)">
      <section class="notes" aria-labelledby="{$div/@xml:id}-notes">
        <h2 id="{$div/@xml:id}-notes">Notes</h2>
        <xsl:apply-templates select="$notes[@type = 'source']" mode="note-body"/>
        <xsl:if test="exists($notes[not(@type = 'source')])">
          <ol class="footnotes">
            <xsl:apply-templates select="$notes[not(@type = 'source')]" mode="note-body"/>
          </ol>
        </xsl:if>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:note[@type = 'source']" mode="note-body">
    <div class="source-note" id="{tw:note-id(.)}">
      <xsl:call-template name="note-paragraphs"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:note" mode="note-body">
    <li id="{tw:note-id(.)}">
      <xsl:if test="@n castable as xs:integer">
        <xsl:attribute name="value" select="@n"/>
      </xsl:if>
      <xsl:call-template name="note-paragraphs"/>
    </li>
  </xsl:template>

  <!-- The note's text with its mark and back link; the back link ends the last paragraph. -->
  <xsl:template name="note-paragraphs">
    <xsl:variable name="note" select="." as="element(tei:note)"/>
    <xsl:variable name="paragraphs" select="if (tei:p) then tei:p else ."/>
    <xsl:for-each select="$paragraphs">
      <p>
        <xsl:if test="position() = 1">
          <span class="note-mark"><xsl:value-of select="tw:note-mark($note)"/>. </span>
        </xsl:if>
        <xsl:apply-templates/>
        <xsl:if test="position() = last()">
          <xsl:text> </xsl:text>
          <a class="backref" href="#{tw:noteref-id($note)}" role="doc-backlink"
             aria-label="Back to reference {tw:note-mark($note)}">&#x21A9;&#xFE0E;</a>
        </xsl:if>
      </p>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
