"""PEP 8 figures from ruff, run once per run on the files the run analyses.

ruff is started as a subprocess as soon as the files are read and collected once the
model is built, so its cost hides behind the file analysis. It never imports or runs the
analysed code and writes nothing into the analysed tree: `--no-cache` (no `.ruff_cache`),
`--isolated` (no configuration file is read, so a target's own settings cannot change the
counts) and `--exit-zero`. It checks the pycodestyle rules (E, W, preview checks included:
without them ruff leaves out PEP 8's whitespace and indentation checks) with lines counted
long above the line length the project agreed on (ruff's, black's or flake8's setting, read
here), else above 99 characters, the most PEP 8 allows a team to agree on. Names are judged by
the naming rule, not here. Generated files (protobuf stubs, "do not edit" files) are left
out: nobody formats them by hand.

When ruff is missing, fails or times out, the figures say so in one sentence.
"""
from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..source import is_generated

if TYPE_CHECKING:
    from ..config import Config

RULE = "RA864"  # the rule that reads these figures; with it disabled ruff is not run
# A finding (one, LOW) from this density on: code kept by a formatter and a style check stays far below.
FINDING_DENSITY = 10.0  # violations per 1,000 lines
FINDING_MINIMUM = 20  # violations in all
TIMEOUT_SECONDS = 60.0
LINE_LENGTH = 99
TOP = 10
# Arguments per ruff process: well under every platform's command-line limit.
_MAX_ARG_CHARS = 30_000 if os.name == "nt" else 200_000
_CHECKS = ["--select", "E,W", "--preview"]
# Where a project states its line length: (file, section, key); the first found wins.
LENGTH_SETTINGS = (
    ("pyproject.toml", "tool.ruff", "line-length"), ("ruff.toml", "", "line-length"),
    (".ruff.toml", "", "line-length"), ("pyproject.toml", "tool.black", "line-length"),
    ("setup.cfg", "flake8", "max-line-length"), ("tox.ini", "flake8", "max-line-length"),
    (".flake8", "flake8", "max-line-length"),
)


def agreed_line_length(root: Path) -> tuple[int, str]:
    """(line length, where it comes from): the project's own setting when it states one,
    else PEP 8's 99."""
    for name, section, key in LENGTH_SETTINGS:
        value = _setting(root / name, section, key)
        if value:
            return value, f"{name} [{section}] {key}" if section else f"{name} {key}"
    return LINE_LENGTH, ""


def _setting(path: Path, section: str, key: str) -> int:
    try:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > 1_000_000:
            return 0
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    try:
        if path.suffix == ".toml":
            table = tomllib.loads(text)
            for part in filter(None, section.split(".")):
                table = table.get(part, {}) if isinstance(table, dict) else {}
            value = table.get(key) if isinstance(table, dict) else None
        else:
            parser = configparser.ConfigParser()
            parser.read_string(text)
            value = parser.get(section, key, fallback=None)
        length = int(value) if value is not None else 0
    except (ValueError, TypeError, tomllib.TOMLDecodeError, configparser.Error):
        return 0
    return length if 40 <= length <= 400 else 0


def checked_text(length: int, source: str) -> str:
    said = f"the project's own setting ({source})" if source else "PEP 8's upper limit; the project states none"
    return (f"pycodestyle's E and W rules with their preview checks, lines over {length} characters counted "
            f"long ({said}); other configuration not read")


def ruff_binary() -> str | None:
    """The ruff installed with reassess (the Python package), else one on PATH."""
    try:
        from ruff.__main__ import find_ruff_bin

        return os.fsdecode(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        return shutil.which("ruff")


def ruff_version() -> str:
    try:
        from importlib.metadata import PackageNotFoundError, version

        return version("ruff")
    except (ImportError, PackageNotFoundError):
        return ""


def identity() -> bytes:
    """Which ruff would run (part of the whole-run cache key: installing or upgrading ruff
    changes the PEP 8 figures): its path, size and time, without asking it."""
    binary = ruff_binary()
    try:
        stat = os.stat(binary) if binary else None
    except OSError:
        stat = None
    stamp = f"{stat.st_size}\0{stat.st_mtime_ns}" if stat else ""
    return f"\0ruff\0{binary or ''}\0{stamp}".encode("utf-8", "surrogatepass")


def line_count(data: bytes) -> int:
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


@dataclass
class _Process:
    popen: subprocess.Popen
    out: IO[bytes]
    err: IO[bytes]


@dataclass
class Pep8Run:
    """ruff running over the checked files; `collect()` waits for it and summarises."""

    root: Path
    lines: dict[str, int]  # checked file -> its line count
    processes: list[_Process] = field(default_factory=list)
    started: float = 0.0
    problem: str = ""  # why there are no figures ("" while ruff runs)
    line_length: int = LINE_LENGTH
    length_source: str = ""  # where the project states its line length ("" for PEP 8's 99)

    def collect(self) -> dict[str, Any]:
        if self.problem:
            return {"status": self.problem}
        records: list[dict[str, Any]] = []
        try:
            for process in self.processes:
                records += self._records(process)
        except _RuffFailed as exc:
            self.problem = str(exc)
        finally:
            self.close()
        if self.problem:
            return {"status": self.problem}
        return summarise(records, self.root, self.lines, self.line_length, self.length_source)

    def close(self) -> None:
        """Stop any ruff still running and drop its output files."""
        for process in self.processes:
            if process.popen.poll() is None:
                process.popen.kill()
                process.popen.wait()
            process.out.close()
            process.err.close()
        self.processes = []

    def _records(self, process: _Process) -> list[dict[str, Any]]:
        remaining = max(0.1, TIMEOUT_SECONDS - (time.perf_counter() - self.started))
        try:
            code = process.popen.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            raise _RuffFailed(f"ruff did not finish within {TIMEOUT_SECONDS:g} s, so PEP 8 was not measured") from None
        if code != 0:
            process.err.seek(0)
            first = process.err.read(2000).decode("utf-8", "replace").strip().splitlines()
            raise _RuffFailed(f"ruff failed (exit status {code}: {first[0] if first else 'no message'}), "
                              "so PEP 8 was not measured")
        process.out.seek(0)
        try:
            data = json.loads(process.out.read() or b"[]")
        except ValueError:
            raise _RuffFailed("ruff's output could not be read, so PEP 8 was not measured") from None
        return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


class _RuffFailed(Exception):
    """ruff ran but gave no usable output (the message says why, in one sentence)."""


def start_for(config: "Config", sources: dict[str, bytes]) -> Pep8Run | None:
    """`start` unless the PEP 8 rule is switched off (`select`/`ignore`). Files read only in
    part (over `max_file_bytes`, reported as parse errors) are left out."""
    if not config.rule_enabled(RULE, "pep8"):
        return None
    return start(config.root, {rel: data for rel, data in sources.items() if _whole(config.root / rel, data)})


def start(root: Path, sources: dict[str, bytes]) -> Pep8Run:
    """Start ruff on the hand-written files among `sources` (relative paths); it runs while
    the caller goes on."""
    lines = {rel: line_count(data) for rel, data in sorted(sources.items())
             if not is_generated(rel, _head(data))}
    length, source = agreed_line_length(root)
    run = Pep8Run(root, lines, started=time.perf_counter(), line_length=length, length_source=source)
    if not lines:
        run.problem = "no hand-written Python file to check"
        return run
    binary = ruff_binary()
    if binary is None:
        run.problem = "ruff is not installed (`pip install ruff`), so PEP 8 was not measured"
        return run
    try:
        for chunk in _chunks(list(lines)):
            out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
            command = [binary, "check", "--no-cache", "--isolated", "--exit-zero", "--output-format", "json",
                       *_CHECKS, "--line-length", str(run.line_length), *chunk]
            popen = subprocess.Popen(command, cwd=root, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            run.processes.append(_Process(popen, out, err))
    except OSError as exc:
        run.close()
        run.problem = f"ruff could not be started ({exc.strerror or exc}), so PEP 8 was not measured"
    return run


def _whole(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data)
    except OSError:
        return False


def _head(data: bytes) -> list[str]:
    return data[:2000].decode("utf-8", "replace").splitlines()[:10]


def _chunks(paths: list[str]) -> list[list[str]]:
    """`./`-prefixed paths (a file named `-x.py` is no option) in groups short enough for one
    command line."""
    chunks: list[list[str]] = [[]]
    size = 0
    for rel in paths:
        arg = "./" + rel
        if chunks[-1] and size + len(arg) + 1 > _MAX_ARG_CHARS:
            chunks.append([])
            size = 0
        chunks[-1].append(arg)
        size += len(arg) + 1
    return chunks


def summarise(records: list[dict[str, Any]], root: Path, lines: dict[str, int], line_length: int = LINE_LENGTH,
              length_source: str = "") -> dict[str, Any]:
    """Counts per rule code and per file from ruff's JSON records (syntax errors, which have
    no code, are left to the parse-error findings)."""
    base = _Base(root)
    per_code: dict[str, dict[str, Any]] = {}
    per_file: dict[str, dict[str, Any]] = {}
    for item in records:
        code = item.get("code")
        rel = base.relative(str(item.get("filename", "")))
        if not code or rel not in lines:
            continue
        row = item.get("location", {}).get("row", 0) if isinstance(item.get("location"), dict) else 0
        entry = per_code.setdefault(code, {"code": code, "description": _describe(item), "count": 0, "files": set()})
        entry["count"] += 1
        entry["files"].add(rel)
        found = per_file.setdefault(rel, {"path": rel, "violations": 0, "codes": {}, "first": {}})
        found["violations"] += 1
        found["codes"][code] = found["codes"].get(code, 0) + 1
        found["first"][code] = min(found["first"].get(code, row), row) if row else found["first"].get(code, 0)
    total_lines = sum(lines.values())
    total = sum(entry["count"] for entry in per_code.values())
    codes = sorted(per_code.values(), key=lambda e: (-e["count"], e["code"]))
    files = sorted(per_file.values(), key=lambda f: (-f["violations"], f["path"]))
    return {
        "tool": f"ruff {ruff_version()}".strip(),
        "checked": checked_text(line_length, length_source),
        "line_length": line_length,
        "files_checked": len(lines),
        "lines_checked": total_lines,
        "violations": total,
        "violations_per_1000_lines": round(1000 * total / total_lines, 1) if total_lines else 0.0,
        "files_with_violations": len(per_file),
        "codes": len(per_code),
        "by_code": [{"code": e["code"], "description": e["description"], "count": e["count"],
                     "files": len(e["files"])} for e in codes[:TOP]],
        "top_files": [_file_record(f, lines[f["path"]]) for f in files[:TOP]],
    }


def _file_record(found: dict[str, Any], lines: int) -> dict[str, Any]:
    codes = sorted(found["codes"].items(), key=lambda kv: (-kv[1], kv[0]))
    return {"path": found["path"], "violations": found["violations"], "lines": lines,
            "per_1000_lines": round(1000 * found["violations"] / lines, 1) if lines else 0.0,
            "main_codes": ", ".join(f"{code} ({count})" for code, count in codes[:3]),
            "first_line": found["first"].get(codes[0][0], 1) or 1}


class _Base:
    """Maps ruff's absolute file names back to paths relative to the root (ruff names files
    from the resolved working directory; anything else is resolved once per name)."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self.prefix = str(self.root) + os.sep
        self.known: dict[str, str] = {}

    def relative(self, filename: str) -> str:
        if filename.startswith(self.prefix):
            return filename[len(self.prefix):].replace(os.sep, "/")
        if filename not in self.known:
            try:
                self.known[filename] = Path(filename).resolve().relative_to(self.root).as_posix()
            except (ValueError, OSError):
                self.known[filename] = ""
        return self.known[filename]


def _describe(item: dict[str, Any]) -> str:
    """ruff's rule name in words (`line-too-long` -> "line too long"); older ruff releases give
    the name only as the end of the rule's documentation address."""
    name = item.get("name") or str(item.get("url") or "").rstrip("/").rsplit("/", 1)[-1]
    return str(name).replace("-", " ") if name else str(item.get("message", ""))
