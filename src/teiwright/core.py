"""The library facade: read → annotate → write, as ``convert_text`` and ``convert_file``.

Everything the command line does goes through these functions, so a script or a
notebook gets exactly the CLI's results.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .annotators import Context, Pipeline
from .config import VolumeConfig
from .model import Document, Warning_
from .readers.frus_text import MAX_NOTES, FrusTextReader
from .sources import DEFAULT_MAX_BYTES, SourceText, decode, read_source
from .writers.tei import TeiWriter, serialize


@dataclass(slots=True)
class Conversion:
    """The result of converting one input: the TEI tree, the model and the warnings."""

    tree: etree._ElementTree
    document: Document
    warnings: list[Warning_] = field(default_factory=list)
    suggestions: dict[str, list[str]] = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return serialize(self.tree)


@dataclass(slots=True)
class Converter:
    """A configured conversion pipeline; build once, convert many documents."""

    config: VolumeConfig = field(default_factory=VolumeConfig)
    preset: str = "default"
    disabled: tuple[str, ...] = ()
    persons_path: Path | None = None
    terms_path: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    max_notes: int = MAX_NOTES
    _ctx: Context | None = None
    _pipeline: Pipeline | None = None

    def context(self) -> Context:
        if self._ctx is None:
            ctx = Context()
            persons = self.persons_path or self.config.persons
            terms = self.terms_path or self.config.terms
            if persons is not None:
                from .registers.persons import load_persons

                ctx.persons = load_persons(Path(persons))
            if terms is not None:
                from .registers.terms import load_terms

                ctx.terms = load_terms(Path(terms))
            self._ctx = ctx
        return self._ctx

    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.preset).disable(*self.disabled)
        return self._pipeline

    def convert_source(self, source: SourceText) -> Conversion:
        doc = FrusTextReader(self.max_notes).read(source)
        ctx = self.context()
        before = {k: len(v) for k, v in ctx.suggestions.items()}
        self.pipeline().run(doc, ctx)
        tree = TeiWriter(self.config).write(doc)
        new = {k: v[before.get(k, 0):] for k, v in ctx.suggestions.items()}
        return Conversion(tree, doc, list(doc.warnings), {k: v for k, v in new.items() if v})

    def convert_text(self, text: str | bytes, name: str = "-") -> Conversion:
        data = text.encode("utf-8") if isinstance(text, str) else text
        return self.convert_source(decode(data, name, self.max_bytes))

    def convert_file(self, path: Path) -> Conversion:
        return self.convert_source(read_source(Path(path), self.max_bytes))


def convert_text(text: str | bytes, *, name: str = "-", persons: Path | None = None,
                 terms: Path | None = None, config: VolumeConfig | None = None,
                 preset: str = "default") -> etree._ElementTree:
    """Convert one plain-text FRUS document to a TEI tree."""
    conv = Converter(config or VolumeConfig(), preset, persons_path=persons, terms_path=terms)
    return conv.convert_text(text, name).tree


def convert_file(path: Path | str, *, persons: Path | None = None, terms: Path | None = None,
                 config: VolumeConfig | None = None,
                 preset: str = "default") -> etree._ElementTree:
    """Convert one plain-text file to a TEI tree."""
    conv = Converter(config or VolumeConfig(), preset, persons_path=persons, terms_path=terms)
    return conv.convert_file(Path(path)).tree
