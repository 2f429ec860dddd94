"""Migrations kept beside the analysed package, read for the indexes they create.

A service analysed as `backend/app` often keeps its Alembic revisions in `backend/alembic`:
the indexes those revisions create exist in the database, and a query on their columns is
served. Only the folders named here are read (`alembic/versions` or `migrations/versions`
beside the analysed folder, or the `script_location` an `alembic.ini` there names, whose
`env.py` imports the analysed package), read only, and only for index and constraint
declarations: nothing in them is reported on, cited, or written to. The run's notes say when
they were read.
"""
from __future__ import annotations

import ast
import configparser
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .cache import Cache
from .facts.extract import extract
from .facts.types import ModuleFacts
from .worker import FileResult

MIGRATION_FOLDERS = ("alembic/versions", "migrations/versions")
# a revision without one of these neither declares nor drops an index, so it is not parsed
_DECLARES = re.compile(rb"create_index|create_unique_constraint|create_primary_key|create_table|drop_index|"
                       rb"drop_constraint|drop_table|\bDROP\s+(?:INDEX|TABLE|CONSTRAINT)\b", re.I)
_DROPS = re.compile(r"drop_index|drop_constraint|drop_table|\bDROP\s+(?:INDEX|TABLE|CONSTRAINT)\b", re.I)
_WORD = re.compile(r"[A-Za-z_]\w{2,}")
_MAX_FILES = 5000
_MAX_BYTES = 2_000_000


@dataclass
class OutsideMigrations:
    """The revision files found beside the root: `(path relative to the root, content)`."""

    folders: list[str] = field(default_factory=list)  # relative to the root ("../alembic/versions")
    files: list[tuple[str, bytes]] = field(default_factory=list)

    def keys(self, cache: Cache) -> list[str]:
        """One cache key per file, so that a changed revision changes the run's key."""
        return [cache.key(f"{rel}\0outside migration", data) for rel, data in self.files]

    def note(self) -> str:
        if not self.folders:
            return ""
        return (f"read {len(self.files)} migration file(s) beside the analysed folder "
                f"({', '.join(self.folders)}), read-only, for the indexes they create; none is reported on")


def find_outside_migrations(root: Path) -> OutsideMigrations:
    """The migration folders beside `root` that lie outside it, and their revisions that create
    or drop an index, a key or a table."""
    found = OutsideMigrations()
    for folder in migration_folders(root):
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        found.folders.append(rel_folder)
        for path in sorted(folder.rglob("*.py"))[:_MAX_FILES]:
            data = _read(path)
            if data and _DECLARES.search(data):
                found.files.append((os.path.relpath(path, root).replace(os.sep, "/"), data))
    return found


def migration_folders(root: Path) -> list[Path]:
    """`alembic/versions` and `migrations/versions` beside the root, and the `versions` folder
    of the `script_location` an `alembic.ini` beside it names, when outside the root and when
    their `env.py` imports the analysed package."""
    try:
        root = root.resolve()
    except OSError:
        return []
    parent = root.parent
    if parent == root:
        return []
    candidates = [parent / name for name in MIGRATION_FOLDERS]
    location = _script_location(parent / "alembic.ini")
    if location:
        candidates.append(Path(location.replace("%(here)s", str(parent))) / "versions"
                          if "%(here)s" in location else parent / location / "versions")
    out: list[Path] = []
    for folder in candidates:
        try:
            resolved = folder.resolve()
        except OSError:
            continue
        if resolved.is_dir() and not resolved.is_relative_to(root) and resolved not in out \
                and _migrates(resolved.parent / "env.py", root.name):
            out.append(resolved)
    return out


def _migrates(env: Path, package: str) -> bool:
    """The folder's `env.py` imports the analysed package (for its models' metadata): its
    revisions are this package's, not those of another project that happens to sit beside it."""
    try:
        text = env.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return re.search(rf"^\s*(?:from|import)\s+{re.escape(package)}\b", text, re.MULTILINE) is not None


def _script_location(ini: Path) -> str:
    """`script_location` of an alembic.ini; "" when absent or given as a package resource."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(ini.read_text(encoding="utf-8", errors="replace"))
    except (OSError, configparser.Error, UnicodeError):
        return ""
    location = parser.get("alembic", "script_location", fallback="").strip()
    return "" if ":" in location.replace("%(here)s", "") else location


def _read(path: Path) -> bytes:
    try:
        if path.is_symlink() or path.stat().st_size > _MAX_BYTES:
            return b""
        return path.read_bytes()
    except OSError:
        return b""


def outside_facts(found: OutsideMigrations, cache: Cache) -> list[ModuleFacts]:
    """The facts of each revision (cached by content); a file that does not parse is left out."""
    out: list[ModuleFacts] = []
    for (rel, data), key in zip(found.files, found.keys(cache)):
        cached = cache.get(key)
        if cached is None:
            cached = FileResult(rel, _facts(rel, data))
            cache.put(key, cached)
        if cached.facts is not None:
            out.append(cached.facts)
    return out


def _facts(rel: str, data: bytes) -> ModuleFacts | None:
    """The revision's facts; one that drops anything also keeps every word it holds in
    `extra["drop_words"]`, since a drop is often SQL built at run time (`f"DROP INDEX {name}"` over
    a list of names) that only the names written somewhere in the file tell."""
    text = data.decode("utf-8", errors="replace")
    try:
        facts = extract(ast.parse(text, filename=rel), rel, "_outside_migrations." + Path(rel).stem, False)
    except (SyntaxError, ValueError, RecursionError):
        return None
    if _DROPS.search(text):
        facts.extra["drop_words"] = sorted(set(_WORD.findall(text)))
    return facts
