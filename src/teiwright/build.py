"""``build``: a folder of texts → TEI, volume, validation, HTML and PDF, as one pipeline.

The stages run in order (convert → volume → validate → html → pdf) over ``OUT``:

* **convert** runs per document, in parallel: a local process pool or a Dask cluster.
  Workers get the settings once (registers travel as bytes, so a remote worker needs no
  shared disk) and build their converter once; documents go out as bytes and come back
  as TEI bytes, which only this process writes (atomically), so every executor gives
  byte-identical files.
* **incremental**: a manifest in ``OUT`` records, per document, a key hashed from the
  input bytes, the registers, the settings and the tool's own code, and the hash of the
  output. A document whose key and output are unchanged is not redone; neither is a
  whole-volume stage (volume, html, pdf) whose inputs all are.
* **one build per OUT**: an ``flock`` on ``OUT/.teiwright.lock`` refuses a second build
  instead of letting two interleave their writes; the kernel drops it if a build dies.
* ``--shard i/n`` converts and validates every n-th document so a job scheduler can
  spread a corpus over machines; volume-wide stages need the whole corpus and are skipped.

Stages whose module is not installed report "unavailable" instead of failing the build.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import importlib.util
import json
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import __version__
from .atomic import write_atomic
from .config import VolumeConfig
from .core import Converter
from .errors import InputError, TeiwrightError
from .sources import DEFAULT_MAX_BYTES

MANIFEST = ".teiwright-manifest.json"
LOCK = ".teiwright.lock"
MANIFEST_FORMAT = "teiwright-build-1"
OPTIONAL_STAGES = ("volume", "validate", "html", "pdf")
"""Stages a user may skip; convert is the build itself."""


class BuildLockedError(TeiwrightError):
    """Another build holds the lock on the output folder."""


# --------------------------------------------------------------------------- settings


@dataclass(frozen=True, slots=True)
class ConvertSettings:
    """All a worker needs to convert, sent once per worker; ``key`` names it in caches."""

    config: VolumeConfig
    preset: str = "default"
    disabled: tuple[str, ...] = ()
    persons: tuple[str, bytes] | None = None
    """Persons register as (file name, contents): workers need no shared filesystem."""
    terms: tuple[str, bytes] | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    key: str = ""


def tool_fingerprint() -> str:
    """The version plus a hash of the package's code, stylesheets and schemas.

    The version alone would let a development checkout reuse outputs that an edited
    annotator, stylesheet or schema would now write or judge differently.
    """
    digest = hashlib.sha256(__version__.encode())
    for folder in _resource_dirs():
        files = sorted(p for p in folder.rglob("*")
                       if p.is_file() and "__pycache__" not in p.parts)
        for path in files:
            digest.update(str(path.relative_to(folder)).encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _resource_dirs() -> list[Path]:
    """The package, and the stylesheet and schema folders its stages read (if installed)."""
    folders = [Path(__file__).resolve().parent]
    if importlib.util.find_spec("teiwright.publishers.xslt") is not None:
        from .publishers.xslt import XSLT_DIR

        folders.append(XSLT_DIR)
    if importlib.util.find_spec("teiwright.validate") is not None:
        from .validate import SCHEMA_DIR

        folders.append(SCHEMA_DIR)
    return [f for f in folders if f.is_dir()]


def make_settings(config: VolumeConfig, *, preset: str = "default",
                  disabled: Iterable[str] = (), persons: Path | None = None,
                  terms: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                  fingerprint: str | None = None) -> ConvertSettings:
    """Settings with their key: registers are read here, and hashed by content."""
    def read(path: Path | None) -> tuple[str, bytes] | None:
        if path is None:
            return None
        try:
            return Path(path).name, Path(path).read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read register ({exc.strerror})") from None

    bare = dataclasses.replace(config, persons=None, terms=None)
    persons_file, terms_file = read(persons), read(terms)
    digest = hashlib.sha256((fingerprint or tool_fingerprint()).encode())
    fields = {f.name: getattr(bare, f.name) for f in dataclasses.fields(bare)}
    digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
    digest.update(json.dumps([preset, sorted(disabled), max_bytes]).encode())
    for register in (persons_file, terms_file):
        digest.update(b"-" if register is None else hashlib.sha256(register[1]).digest())
    return ConvertSettings(bare, preset, tuple(disabled), persons_file, terms_file, max_bytes,
                           digest.hexdigest())


# --------------------------------------------------------------------------- workers


@dataclass(slots=True)
class DocResult:
    """What converting one document gave: TEI bytes or an error, and the warnings."""

    name: str
    data: bytes | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


_CONVERTERS: dict[str, Converter] = {}
_WORKER_SETTINGS: ConvertSettings | None = None


def _converter(settings: ConvertSettings) -> Converter:
    """The worker's converter for ``settings``, built on first use and then reused."""
    found = _CONVERTERS.get(settings.key)
    if found is not None:
        return found
    with tempfile.TemporaryDirectory(prefix="teiwright-registers-") as tmp:
        paths: list[Path | None] = []
        for register in (settings.persons, settings.terms):
            if register is None:
                paths.append(None)
                continue
            path = Path(tmp) / register[0]
            path.write_bytes(register[1])
            paths.append(path)
        conv = Converter(settings.config, settings.preset, settings.disabled, paths[0],
                         paths[1], settings.max_bytes)
        conv.context()  # registers are loaded now, while their files exist
        conv.pipeline()
    _CONVERTERS[settings.key] = conv
    return conv


def convert_document(settings: ConvertSettings, name: str, data: bytes) -> DocResult:
    """Convert one input (``name`` is its file name); the unit of work of every executor."""
    try:
        result = _converter(settings).convert_text(data, name)
    except TeiwrightError as exc:
        return DocResult(name, error=str(exc))
    except Exception as exc:  # a bug on one document must not cost the other documents
        return DocResult(name, error=f"{name}: internal error: {type(exc).__name__}: {exc}")
    warnings = [f"{name}:{w.line}: {w.message} [{w.code}]" for w in result.warnings]
    return DocResult(name, result.to_bytes(), warnings)


def _init_worker(settings: ConvertSettings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _convert_in_worker(name: str, data: bytes) -> DocResult:
    assert _WORKER_SETTINGS is not None, "worker started without settings"
    return convert_document(_WORKER_SETTINGS, name, data)


Executor = Callable[[ConvertSettings, list[tuple[str, bytes]]], Iterator[DocResult]]


def local_executor(jobs: int) -> Executor:
    """Run in this process (one job) or in a pool of ``jobs`` processes."""
    def run(settings: ConvertSettings, tasks: list[tuple[str, bytes]]) -> Iterator[DocResult]:
        if jobs <= 1 or len(tasks) <= 1:
            for name, data in tasks:
                yield convert_document(settings, name, data)
            return
        from concurrent.futures import ProcessPoolExecutor

        workers = min(jobs, len(tasks))
        chunk = max(1, min(32, len(tasks) // (workers * 8)))
        with ProcessPoolExecutor(workers, initializer=_init_worker,
                                 initargs=(settings,)) as pool:
            yield from pool.map(_convert_in_worker, [t[0] for t in tasks],
                                [t[1] for t in tasks], chunksize=chunk)
    return run


def dask_executor(scheduler: str | None, jobs: int) -> Executor:
    """Send documents to a Dask cluster (``scheduler`` address) or a local one of ``jobs``."""
    def run(settings: ConvertSettings, tasks: list[tuple[str, bytes]]) -> Iterator[DocResult]:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError:
            raise InputError("the Dask executor needs: pip install 'teiwright[dask]'") from None
        with contextlib.ExitStack() as stack:
            if scheduler:
                client = stack.enter_context(Client(scheduler))  # type: ignore[no-untyped-call]
            else:
                cluster = stack.enter_context(LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=max(1, jobs), threads_per_worker=1, processes=True,
                    dashboard_address=None))
                client = stack.enter_context(Client(cluster))  # type: ignore[no-untyped-call]
            shared = client.scatter(settings, broadcast=True)
            futures = client.map(convert_document, [shared] * len(tasks),
                                 [t[0] for t in tasks], [t[1] for t in tasks], pure=False)
            for future in as_completed(futures):  # type: ignore[no-untyped-call]
                yield future.result()
    return run


# --------------------------------------------------------------------------- progress


class Progress:
    """Progress on a terminal (rich), plain log lines otherwise, nothing when quiet."""

    def __init__(self, *, tty: bool, quiet: bool = False,
                 echo: Callable[[str], None] | None = None) -> None:
        self.quiet = quiet
        self.echo = echo or (lambda line: print(line, flush=True))
        self._bar: Any = None
        self._task: Any = None
        self._stage = ""
        self._total = 0
        self._done = 0
        self._next_line = 0
        if tty and not quiet:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(),
                                     MofNCompleteColumn(), TimeRemainingColumn(),
                                     transient=True)

    def start(self, stage: str, total: int) -> None:
        self._stage, self._total, self._done, self._next_line = stage, total, 0, 0
        if self._bar is not None:
            self._bar.start()
            self._task = self._bar.add_task(stage, total=total)

    def advance(self) -> None:
        self._done += 1
        if self._bar is not None:
            self._bar.advance(self._task)
        elif not self.quiet and self._done >= self._next_line:
            self.echo(f"{self._stage}: {self._done}/{self._total}")
            self._next_line = self._done + max(1, self._total // 10)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()

    def log(self, line: str) -> None:
        if self.quiet:
            return
        if self._bar is not None:
            self._bar.console.print(line, highlight=False, markup=False)
        else:
            self.echo(line)


# --------------------------------------------------------------------------- report


@dataclass(slots=True)
class DocRecord:
    """One document in the report and the manifest."""

    name: str
    key: str = ""
    output_sha256: str = ""
    status: str = "converted"
    """``converted``, ``unchanged`` or ``failed``."""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    valid: bool | None = None
    """None until validated (or when validation is unavailable)."""
    problems: list[str] = field(default_factory=list)
    validation_errors: int = 0
    validation_warnings: int = 0


@dataclass(slots=True)
class StageRecord:
    """What one stage did: ``ok``, ``unchanged``, ``skipped``, ``unavailable``, ``invalid``
    (its output does not validate) or ``failed``."""

    status: str
    message: str = ""
    seconds: float = 0.0
    items: int = 0
    problems: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """Everything ``report.json`` holds; ``exit_code`` is what the CLI returns."""

    source: str
    output: str
    shard: str | None = None
    volume: dict[str, str | None] = field(default_factory=dict)
    """The volume settings used (id, title, publisher, licence), for packages."""
    registers: dict[str, str | None] = field(default_factory=dict)
    """Absolute paths of the persons and terms registers used."""
    documents: list[DocRecord] = field(default_factory=list)
    stages: dict[str, StageRecord] = field(default_factory=dict)
    seconds: float = 0.0

    def totals(self) -> dict[str, int]:
        docs = self.documents
        return {
            "documents": len(docs),
            "converted": sum(d.status == "converted" for d in docs),
            "unchanged": sum(d.status == "unchanged" for d in docs),
            "failed": sum(d.status == "failed" for d in docs),
            "valid": sum(d.valid is True for d in docs),
            "invalid": sum(d.valid is False for d in docs),
            "warnings": sum(len(d.warnings) + d.validation_warnings for d in docs),
            "errors": sum((d.error is not None) + d.validation_errors for d in docs),
        }

    @property
    def exit_code(self) -> int:
        totals = self.totals()
        stage_failed = any(s.status in ("failed", "invalid") for s in self.stages.values())
        return 1 if totals["failed"] or totals["invalid"] or stage_failed else 0

    def to_json(self) -> bytes:
        data = {
            "tool": f"teiwright {__version__}",
            "source": self.source,
            "output": self.output,
            "shard": self.shard,
            "volume": self.volume,
            "registers": self.registers,
            "summary": {**self.totals(), "seconds": round(self.seconds, 3),
                        "exit_code": self.exit_code},
            "stages": {k: dataclasses.asdict(v) for k, v in self.stages.items()},
            "documents": [_doc_json(d) for d in self.documents],
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def _doc_json(doc: DocRecord) -> dict[str, Any]:
    data = dataclasses.asdict(doc)
    del data["key"]
    return data


# --------------------------------------------------------------------------- options


@dataclass(slots=True)
class BuildOptions:
    """How to build; the CLI fills this from its flags."""

    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    executor: str = "local"
    """``local`` (process pool) or ``dask``."""
    scheduler: str | None = None
    """Address of an existing Dask scheduler (``tcp://host:8786``); implies ``dask``."""
    shard: tuple[int, int] | None = None
    """(i, n): process documents i, i+n, i+2n, … (1-based)."""
    skip: tuple[str, ...] = ()
    config_path: Path | None = None
    persons: Path | None = None
    terms: Path | None = None
    preset: str = "default"
    disabled: tuple[str, ...] = ()
    base_url: str = ""
    force: bool = False
    """Redo everything, ignoring the manifest."""


def parse_shard(value: str) -> tuple[int, int]:
    """``i/n`` with 1 ≤ i ≤ n."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*", value)
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise InputError(f"--shard {value!r}: expected i/n with 1 <= i <= n (e.g. 2/4)")
    return int(match[1]), int(match[2])


def _natural(path: Path) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name))


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@contextlib.contextmanager
def build_lock(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``out`` for one build, or refuse at once."""
    out.mkdir(parents=True, exist_ok=True)
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            raise BuildLockedError(f"{out}: another build is running there (pid {holder}); "
                                   "wait for it or use another output folder") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _load_manifest(out: Path) -> dict[str, Any]:
    """The previous build's manifest, or an empty one if absent, damaged or foreign."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"documents": {}, "stages": {}}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {"documents": {}, "stages": {}}
    return data


# --------------------------------------------------------------------------- the build


class Builder:
    """One build of ``src`` into ``out``; ``run()`` returns the report."""

    def __init__(self, src: Path, out: Path, options: BuildOptions,
                 progress: Progress | None = None) -> None:
        self.src, self.out, self.opts = Path(src), Path(out), options
        self.progress = progress or Progress(tty=False, quiet=True)
        if options.config_path is not None:
            self.config = VolumeConfig.load(options.config_path)
        else:
            self.config = VolumeConfig.find(self.src)
        self.persons = options.persons or self.config.persons
        self.terms = options.terms or self.config.terms
        unknown = set(options.skip) - set(OPTIONAL_STAGES)
        if unknown:
            raise InputError(f"cannot skip {', '.join(sorted(unknown))}; "
                             f"stages: {', '.join(OPTIONAL_STAGES)}")
        self.report = BuildReport(str(self.src), str(self.out), shard=(
            f"{options.shard[0]}/{options.shard[1]}" if options.shard else None))
        self.tei_dir = self.out / "tei"
        cfg = self.config
        self.report.volume = {"id": cfg.id, "title": cfg.title, "publisher": cfg.publisher,
                              "licence": cfg.licence, "licence_url": cfg.licence_url}
        self.report.registers = {
            kind: str(Path(path).resolve()) if path is not None else None
            for kind, path in (("persons", self.persons), ("terms", self.terms))}

    def inputs(self) -> list[Path]:
        if not self.src.is_dir():
            raise InputError(f"{self.src}: not a folder of .txt documents")
        found = sorted((p for p in self.src.iterdir() if p.is_file() and p.suffix == ".txt"),
                       key=_natural)
        if not found:
            raise InputError(f"{self.src}: no .txt documents")
        if self.opts.shard:
            i, n = self.opts.shard
            found = found[i - 1::n]
        return found

    def run(self) -> BuildReport:
        started = time.perf_counter()
        inputs = self.inputs()
        settings = make_settings(self.config, preset=self.opts.preset,
                                 disabled=self.opts.disabled, persons=self.persons,
                                 terms=self.terms)
        self._check_pipeline(settings)
        with build_lock(self.out):
            manifest = {"documents": {}, "stages": {}} if self.opts.force else \
                _load_manifest(self.out)
            self._convert(inputs, settings, manifest["documents"])
            if not self.opts.shard:
                self._remove_stale(manifest["documents"], {p.stem for p in inputs})
            stage_keys: dict[str, str] = dict(manifest.get("stages", {}))
            self._volume(settings, stage_keys)
            self._validate()
            self._publish(settings, stage_keys)
            self.report.seconds = time.perf_counter() - started
            self._save_manifest(stage_keys)
            write_atomic(self.out / "report.json", self.report.to_json())
        return self.report

    def _check_pipeline(self, settings: ConvertSettings) -> None:
        """Fail on a bad preset or register before any work is sent out."""
        try:
            _converter(settings)
        except KeyError as exc:
            raise InputError(str(exc.args[0])) from None

    # -- convert -----------------------------------------------------------------------

    def _executor(self) -> Executor:
        if self.opts.scheduler or self.opts.executor == "dask":
            return dask_executor(self.opts.scheduler, self.opts.jobs)
        if self.opts.executor != "local":
            raise InputError(f"unknown executor {self.opts.executor!r}; use local or dask")
        return local_executor(self.opts.jobs)

    def _convert(self, inputs: list[Path], settings: ConvertSettings,
                 previous: dict[str, Any]) -> None:
        t0 = time.perf_counter()
        records: dict[str, DocRecord] = {}
        todo: list[tuple[str, bytes]] = []
        for path in inputs:
            try:
                data = path.read_bytes()
            except OSError as exc:
                records[path.stem] = DocRecord(path.stem, status="failed",
                                               error=f"{path}: cannot read ({exc.strerror})")
                continue
            key = _sha(settings.key.encode() + data)
            record = self._reuse(path.stem, key, previous.get(path.stem))
            if record is None:
                records[path.stem] = DocRecord(path.stem, key)
                todo.append((path.name, data))
            else:
                records[path.stem] = record
        self.progress.start("convert", len(todo))
        try:
            for result in self._executor()(settings, todo):
                self._store(records[Path(result.name).stem], result)
                self.progress.advance()
        finally:
            self.progress.stop()
        self.report.documents = [records[p.stem] for p in inputs]
        self.report.stages["convert"] = StageRecord(
            "ok", f"{len(todo)} converted, {len(inputs) - len(todo)} unchanged",
            time.perf_counter() - t0, len(todo))

    def _reuse(self, stem: str, key: str, old: dict[str, Any] | None) -> DocRecord | None:
        """The previous record if the input is unchanged and its output still intact."""
        if not old or old.get("key") != key or old.get("status") == "failed":
            return None
        try:
            if _sha((self.tei_dir / f"{stem}.xml").read_bytes()) != old.get("output_sha256"):
                return None
        except OSError:
            return None
        record = DocRecord(**{f.name: old[f.name] for f in dataclasses.fields(DocRecord)
                              if f.name in old})
        record.status = "unchanged"
        return record

    def _store(self, record: DocRecord, result: DocResult) -> None:
        record.warnings = result.warnings
        for line in result.warnings:
            self.progress.log(f"warning: {line}")
        if result.data is None:
            record.status, record.error = "failed", result.error
            (self.tei_dir / f"{record.name}.xml").unlink(missing_ok=True)
            self.progress.log(f"error: {result.error}")
            return
        write_atomic(self.tei_dir / f"{record.name}.xml", result.data)
        record.output_sha256 = _sha(result.data)

    def _remove_stale(self, previous: dict[str, Any], current: set[str]) -> None:
        """Outputs of documents no longer in SRC would otherwise linger in the volume."""
        for stem in sorted(set(previous) - current):
            (self.tei_dir / f"{stem}.xml").unlink(missing_ok=True)
            self.progress.log(f"removed {self.tei_dir / stem}.xml (input gone)")

    def _tei_files(self) -> list[Path]:
        return [self.tei_dir / f"{d.name}.xml" for d in self.report.documents
                if d.status != "failed"]

    def _stage_key(self, settings: ConvertSettings, stage: str, *extra: str) -> str:
        digest = hashlib.sha256(f"{stage}\n{settings.key}\n".encode())
        for d in self.report.documents:
            digest.update(f"{d.name}:{d.output_sha256}\n".encode())
        for part in extra:
            digest.update(part.encode() + b"\n")
        return digest.hexdigest()

    # -- whole-volume stages -------------------------------------------------------------

    def _skipped(self, stage: str, module: str | None = None, *,
                 whole_volume: bool = True) -> bool:
        """Record why ``stage`` does not run, if it does not; True then."""
        if stage in self.opts.skip:
            record = StageRecord("skipped", "skipped (--skip)")
        elif whole_volume and self.opts.shard:
            record = StageRecord("skipped", "skipped: sharded build (needs the whole corpus)")
        elif module and importlib.util.find_spec(module) is None:
            record = StageRecord("unavailable", f"stage unavailable ({module} not installed)")
        else:
            return False
        self.report.stages[stage] = record
        self.progress.log(f"{stage}: {record.message}")
        return True

    def _run_stage(self, name: str, key: str, targets: list[Path],
                   stage_keys: dict[str, str], work: Callable[[], StageRecord]) -> None:
        """Run ``work`` unless its key and outputs are unchanged; record what happened.

        Only a stage that ended ``ok`` keeps its key, so a failed or invalid result is
        redone (and reported again) by the next build.
        """
        t0 = time.perf_counter()
        if stage_keys.get(name) == key and all(p.exists() for p in targets):
            self.report.stages[name] = StageRecord("unchanged", "inputs unchanged")
            return
        stage_keys.pop(name, None)
        self.progress.log(f"{name} ...")
        try:
            record = work()
        except Exception as exc:  # one broken stage must not lose the others' report
            record = StageRecord("failed", f"{type(exc).__name__}: {exc}")
            self.progress.log(f"error: {name} failed: {exc}")
        record.seconds = time.perf_counter() - t0
        if record.status == "ok":
            stage_keys[name] = key
        self.report.stages[name] = record

    def _volume(self, settings: ConvertSettings, stage_keys: dict[str, str]) -> None:
        if self._skipped("volume"):
            return
        target = self.out / "volume.xml"

        def work() -> StageRecord:
            from .volume import assemble_files

            persons, terms = self._registers()
            volume = assemble_files(self._tei_files(), self.config, persons=persons,
                                    terms=terms)
            for line in volume.warnings:
                self.progress.log(f"warning: volume: {line}")
            data = volume.to_bytes()
            write_atomic(target, data)
            record = StageRecord("ok", f"{volume.documents} documents -> {target.name}",
                                 items=volume.documents)
            if "validate" in self.opts.skip or importlib.util.find_spec(
                    "teiwright.validate") is None:
                return record
            problems = _check_volume(target, data, volume.tree)
            record.problems = [_problem_line(p) for p in problems]
            if any(p.severity == "error" for p in problems):
                record.status = "invalid"
                record.message += f" ({len(record.problems)} validation problems)"
            for line in record.problems:
                self.progress.log(line)
            return record

        checked = "validate" not in self.opts.skip  # a check skipped once is owed later
        key = self._stage_key(settings, "volume", f"validated={checked}")
        self._run_stage("volume", key, [target], stage_keys, work)

    def _registers(self) -> tuple[Any, Any]:
        persons = terms = None
        if self.persons is not None:
            from .registers.persons import load_persons

            persons = load_persons(Path(self.persons))
        if self.terms is not None:
            from .registers.terms import load_terms

            terms = load_terms(Path(self.terms))
        return persons, terms

    def _register_paths(self) -> list[Path]:
        return [Path(p) for p in (self.persons, self.terms) if p is not None]

    def _validate(self) -> None:
        if self._skipped("validate", "teiwright.validate", whole_volume=False):
            return
        t0 = time.perf_counter()
        docs = [d for d in self.report.documents
                if d.status != "failed" and (d.status == "converted" or d.valid is None)]
        if not docs:
            self.report.stages["validate"] = StageRecord("unchanged", "no changed documents")
            return
        from .validate import validate_paths

        paths = [self.tei_dir / f"{d.name}.xml" for d in docs]
        self.progress.log(f"validate: {len(paths)} documents")
        try:
            result = validate_paths(paths, jobs=self.opts.jobs,
                                    registers=self._register_paths())
        except Exception as exc:  # report it with the rest rather than lose the build
            self.report.stages["validate"] = StageRecord(
                "failed", f"{type(exc).__name__}: {exc}", time.perf_counter() - t0)
            return
        by_file: dict[str, list[Any]] = {}
        for problem in result.problems:
            by_file.setdefault(str(Path(problem.file).resolve()), []).append(problem)
        for doc, path in zip(docs, paths, strict=True):
            found = by_file.get(str(path.resolve()), [])
            doc.validation_errors = sum(p.severity == "error" for p in found)
            doc.validation_warnings = len(found) - doc.validation_errors
            doc.valid = doc.validation_errors == 0
            doc.problems = [_problem_line(p) for p in found]
            for line in doc.problems:
                self.progress.log(line)
        invalid = sum(d.valid is False for d in docs)
        self.report.stages["validate"] = StageRecord(
            "ok", f"{len(docs)} validated, {invalid} invalid", time.perf_counter() - t0,
            len(docs))

    def _html(self, settings: ConvertSettings, stage_keys: dict[str, str]) -> None:
        if self._skipped("html", "teiwright.publishers.html"):
            return
        target = self.out / "html"

        def work() -> StageRecord:
            from .publishers.html import render_site

            files = render_site(self._tei_files(), target, site_title=self.config.title,
                                base_url=self.opts.base_url, persons=self._path(self.persons),
                                terms=self._path(self.terms))
            return StageRecord("ok", f"{len(files)} files -> {target.name}/", items=len(files))

        key = self._stage_key(settings, "html", self.opts.base_url)
        self._run_stage("html", key, [target / "index.html"], stage_keys, work)

    def _publish(self, settings: ConvertSettings, stage_keys: dict[str, str]) -> None:
        """The HTML edition and the PDF. With more than one job the PDF is typeset in a
        process of its own while this one makes the HTML edition: the PDF's parts are
        typeset one after another, so it cannot use a second core itself."""
        if self.opts.jobs < 2:
            self._html(settings, stage_keys)
            self._pdf(settings, stage_keys, in_process=True)
            return
        pdf = threading.Thread(target=self._pdf, args=(settings, stage_keys),
                               kwargs={"in_process": False})
        pdf.start()
        try:
            self._html(settings, stage_keys)
        finally:
            pdf.join()
        if "pdf" in self.report.stages:  # report the stages in pipeline order
            self.report.stages["pdf"] = self.report.stages.pop("pdf")

    def _pdf(self, settings: ConvertSettings, stage_keys: dict[str, str], *,
             in_process: bool) -> None:
        if self._skipped("pdf", "teiwright.publishers.pdf"):
            return
        target = self.out / "volume.pdf"

        def work() -> StageRecord:
            from .publishers.pdf import render_pdf, render_pdf_in_child

            render = render_pdf if in_process else render_pdf_in_child
            # the config's change date fixes the PDF's dates: rebuilds stay byte-identical
            render(self._tei_files(), target, title=self.config.title,
                   persons=self._path(self.persons), terms=self._path(self.terms),
                   fixed_date=self.config.change_date)
            return StageRecord("ok", f"-> {target.name}", items=1)

        self._run_stage("pdf", self._stage_key(settings, "pdf"), [target], stage_keys, work)

    @staticmethod
    def _path(value: Path | None) -> Path | None:
        return Path(value) if value is not None else None

    def _save_manifest(self, stage_keys: dict[str, str]) -> None:
        previous = {} if self.opts.force else \
            _load_manifest(self.out)["documents"]
        documents = previous if self.opts.shard else {}
        for d in self.report.documents:
            documents[d.name] = dataclasses.asdict(d)
        data = {"format": MANIFEST_FORMAT, "tool": __version__,
                "documents": documents, "stages": {} if self.opts.shard else stage_keys}
        write_atomic(self.out / MANIFEST, (json.dumps(data, indent=1) + "\n").encode())


def _check_volume(path: Path, data: bytes, tree: Any) -> list[Any]:
    """The volume against teiwright's RELAX NG grammar.

    The Schematron rules are per document and have already run on every document file
    (and assembly drops repeated ids with a warning); on one file holding a whole volume
    they cost far more (18 s for 2,000 documents) and find nothing new.
    """
    from .validate import RNG, load_grammar
    from .validate.positions import SourcePositions

    checked: list[Any] = load_grammar(RNG).check(str(path), tree, SourcePositions(data, tree))
    return checked


def _problem_line(p: Any) -> str:
    """A validation problem as ``file:line:column: severity: message [rule]``."""
    return f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.message}" + (
        f" [{p.rule}]" if p.rule else "")


def build(src: Path, out: Path, options: BuildOptions | None = None,
          progress: Progress | None = None) -> BuildReport:
    """Build ``src`` into ``out``; see the module docstring for the stages."""
    return Builder(src, out, options or BuildOptions(), progress).run()

