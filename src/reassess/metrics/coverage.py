"""Coverage data left at the analysed root by coverage.py, read without running anything.

Three formats are understood, tried in this order: `coverage.json` (`coverage json`),
`coverage.xml` (`coverage xml`, Cobertura) and the `.coverage` SQLite data file itself.
The first two list each file's statements, so they give exact statement coverage; the
data file records only the lines that ran (coverage.py needs the source to know the
statements), so from it only executed lines, and which functions ran, are known.

Recorded paths are absolute or relative to where the tests ran; each is matched to an
analysed file by its longest unambiguous path suffix.
"""
from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from ..facts.types import FunctionFacts
    from ..model.project import ProjectModel

MAX_BYTES = 200_000_000
SOURCES = ("coverage.json", "coverage.xml", ".coverage")


@dataclass
class FileCoverage:
    """One analysed file: the lines that ran, and the statements when the format lists them."""

    executed: set[int] = field(default_factory=set)
    statements: set[int] | None = None

    @property
    def percent(self) -> float | None:
        if self.statements is None:
            return None
        if not self.statements:
            return 100.0
        return round(100.0 * len(self.statements & self.executed) / len(self.statements), 1)


@dataclass
class CoverageData:
    source: str  # the file it was read from, relative to the root
    files: dict[str, FileCoverage] = field(default_factory=dict)  # analysed path -> coverage
    recorded: int = 0  # files the data names
    unmatched: int = 0  # recorded files that match no analysed file
    stale: list[str] = field(default_factory=list)  # analysed files whose recorded lines lie past their end
    problem: str = ""  # why the data could not be read, when it could not

    @property
    def exact(self) -> bool:
        return any(f.statements is not None for f in self.files.values())


def load_coverage(root: Path | None, analysed: dict[str, int]) -> CoverageData | None:
    """The coverage data at ROOT matched to the analysed files (path -> line count), or None
    when there is none."""
    if root is None:
        return None
    for name in SOURCES:
        path = root / name
        try:
            if path.is_symlink() or not path.is_file():
                continue
            if path.stat().st_size > MAX_BYTES:
                return CoverageData(name, problem=f"{name} is larger than {MAX_BYTES // 1_000_000} MB")
            raw = _READERS[name](path)
        except (OSError, ValueError, sqlite3.Error, ElementTree.ParseError) as exc:
            return CoverageData(name, problem=f"{name} could not be read ({type(exc).__name__}: {exc})")
        return _match(name, raw, analysed)
    return None


# ----- readers: recorded path -> (executed lines, statements or None) -----------------------------
Raw = dict[str, tuple[set[int], set[int] | None]]


def _read_json(path: Path) -> Raw:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: Raw = {}
    for name, item in (data.get("files") or {}).items():
        executed = {int(n) for n in item.get("executed_lines", [])}
        missing = {int(n) for n in item.get("missing_lines", [])}
        out[name] = (executed, executed | missing)
    return out


def _read_xml(path: Path) -> Raw:
    root = ElementTree.parse(path).getroot()
    out: Raw = {}
    for cls in root.iter("class"):
        name = cls.get("filename") or ""
        executed, statements = out.setdefault(name, (set(), set()))
        for line in cls.iter("line"):
            number = int(line.get("number", "0"))
            statements.add(number)
            if int(line.get("hits", "0")) > 0:
                executed.add(number)
    return out


def _read_sqlite(path: Path) -> Raw:
    """Executed lines from `line_bits` (numbits) or, with branch data, from `arc`."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        files = dict(connection.execute("select id, path from file"))
        out: Raw = {name: (set(), None) for name in files.values()}
        tables = {row[0] for row in connection.execute("select name from sqlite_master where type = 'table'")}
        if "line_bits" in tables:
            for file_id, numbits in connection.execute("select file_id, numbits from line_bits"):
                if file_id in files:
                    out[files[file_id]][0].update(numbits_to_lines(numbits))
        if "arc" in tables:
            for file_id, start, end in connection.execute("select file_id, fromno, tono from arc"):
                if file_id in files:
                    out[files[file_id]][0].update(n for n in (start, end) if n > 0)
        return out
    finally:
        connection.close()


def numbits_to_lines(numbits: bytes) -> Iterable[int]:
    """coverage.py's numbits: bit i of byte j set means line 8*j + i ran."""
    for index, byte in enumerate(numbits):
        for bit in range(8):
            if byte & (1 << bit):
                yield index * 8 + bit


_READERS = {"coverage.json": _read_json, "coverage.xml": _read_xml, ".coverage": _read_sqlite}


# ----- matching recorded paths to analysed files --------------------------------------------------
def _parts(recorded: str) -> tuple[str, ...]:
    pure = PureWindowsPath(recorded) if "\\" in recorded else PurePosixPath(recorded)
    return tuple(p for p in pure.parts if p not in ("/", "\\", ".") and not p.endswith((":", ":\\")))


def _match(source: str, raw: Raw, analysed: dict[str, int]) -> CoverageData:
    by_suffix: dict[tuple[str, ...], list[str]] = {}
    for path in analysed:
        parts = tuple(path.split("/"))
        for size in range(1, len(parts) + 1):
            by_suffix.setdefault(parts[-size:], []).append(path)
    data = CoverageData(source, recorded=len(raw))
    for recorded in sorted(raw):
        path = _best(_parts(recorded), by_suffix)
        if path is None or path in data.files:
            data.unmatched += path is None
            continue
        executed, statements = raw[recorded]
        if max(executed | (statements or set()), default=0) > analysed[path]:
            data.stale.append(path)
            continue
        data.files[path] = FileCoverage(executed, statements)
    data.stale.sort()
    return data


def _best(parts: tuple[str, ...], by_suffix: dict[tuple[str, ...], list[str]]) -> str | None:
    """The analysed file whose whole path ends the recorded one (or the whole recorded path, when
    it is relative, ends the analysed one), if only one does: `other/util.py` never matches `app/util.py`."""
    for size in range(len(parts), 0, -1):
        found = [p for p in by_suffix.get(parts[-size:], ()) if size in (len(parts), p.count("/") + 1)]
        if found:
            return found[0] if len(found) == 1 else None
    return None


_ATTR = "_reassess_coverage"


def coverage_of(model: "ProjectModel") -> CoverageData | None:
    """The coverage data at the model's root, matched to its Python files; read once per model."""
    cached = getattr(model, _ATTR, False)
    if cached is False:
        analysed = {path: facts.metrics.lines for path, facts in model.by_path.items()}
        cached = load_coverage(model.root, analysed)
        setattr(model, _ATTR, cached)
    return cached


def function_ran(data: CoverageData, path: str, func: "FunctionFacts") -> bool | None:
    """Whether any line of the function's body ran (None: the file was not measured, or the body
    shares the `def` line, which runs at import)."""
    measured = data.files.get(path)
    if measured is None or func.body_line <= func.line or func.body_line > func.end_line:
        return None
    return any(func.body_line <= line <= func.end_line for line in measured.executed)
