"""Finding the Python files of a backend: excludes, focus paths, links and odd entries."""
from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config


@dataclass
class Discovery:
    files: list[str] = field(default_factory=list)  # relative paths, "/" separators, sorted
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (relative path, why)
    other_files: list[str] = field(default_factory=list)  # non-Python files of interest (SQL, docs)


_OTHER_SUFFIXES = (".sql", ".md", ".toml", ".ini", ".cfg", ".yaml", ".yml", ".sh")
# Deployment files without a suffix: they say how many processes run (workers, concurrency).
_OTHER_NAMES = ("Dockerfile", "Procfile", "Makefile")


def _is_other(name: str) -> bool:
    """A non-Python file rules may read: SQL, docs, settings, deployment files."""
    return name.endswith(_OTHER_SUFFIXES) or name in _OTHER_NAMES or name.startswith("Dockerfile.") \
        or name.lower().endswith(".dockerfile")


def _excluded(rel: str, name: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if "/" in pattern:
            if fnmatch.fnmatch(rel, pattern) or rel.startswith(pattern.rstrip("/") + "/"):
                return True
        elif fnmatch.fnmatch(name, pattern):
            return True
    return False


def discover(config: Config) -> Discovery:
    """Walk the root without following links; sorted output makes runs deterministic."""
    root = config.root
    result = Discovery()
    patterns = config.excludes()
    focus = [f.strip("/") for f in config.focus]
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=None):
        rel_dir = os.path.relpath(dirpath, root).replace(os.sep, "/")
        rel_dir = "" if rel_dir == "." else rel_dir
        dirnames[:] = _kept_folders(dirpath, rel_dir, dirnames, patterns, result)
        for name in sorted(filenames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if _excluded(rel, name, patterns):
                continue
            if focus and not any(rel == f or rel.startswith(f + "/") for f in focus) and not is_test_path(rel):
                if _is_other(name):
                    result.other_files.append(rel)
                continue
            _add_file(os.path.join(dirpath, name), rel, name, result)
    result.files.sort()
    result.other_files.sort()
    return result


def _kept_folders(dirpath: str, rel_dir: str, dirnames: list[str], patterns: list[str],
                  result: Discovery) -> list[str]:
    """The sub-folders to walk into: not excluded, and no links (a link loop would never end)."""
    kept = []
    for name in sorted(dirnames):
        rel = f"{rel_dir}/{name}" if rel_dir else name
        if os.path.islink(os.path.join(dirpath, name)):
            result.skipped.append((rel, "symbolic link (not followed)"))
        elif not _excluded(rel, name, patterns):
            kept.append(name)
    return kept


def _add_file(full: str, rel: str, name: str, result: Discovery) -> None:
    """A Python file to analyse, another file the reports look at, or a skipped one with why."""
    if name.endswith(".py"):
        if os.path.islink(full):
            result.skipped.append((rel, "symbolic link (not followed)"))
        elif not os.path.isfile(full):
            result.skipped.append((rel, "not a regular file"))
        else:
            result.files.append(rel)
    elif _is_other(name) and not os.path.islink(full):
        result.other_files.append(rel)


def is_test_path(rel: str) -> bool:
    """Test code: read even outside `focus`, so that the Testing section can judge the suite."""
    parts = rel.split("/")
    name = parts[-1]
    return (any(part in ("tests", "test") for part in parts[:-1]) or name.startswith("test_")
            or name.endswith("_test.py") or name == "conftest.py")


def module_name(rel: str) -> tuple[str, bool]:
    """Dotted module name for a path relative to the analysed root, and whether it is a
    package `__init__`. A leading `src/` is dropped, as src layouts import without it."""
    parts = rel[:-3].split("/")
    if parts[0] == "src" and len(parts) > 1:
        parts = parts[1:]
    is_package = parts[-1] == "__init__"
    if is_package:
        parts = parts[:-1]
    return ".".join(parts) or "__init__", is_package


def module_names(files: list[str], package: str = "", imported: frozenset[str] = frozenset(),
                 beside: dict[str, frozenset[str]] | None = None) -> dict[str, tuple[str, bool]]:
    """Module names as the code imports them: a file inside a package is named from the top
    of its chain of `__init__.py` folders, so `backend/app/api/main.py` is `app.api.main`
    when `backend/` is no package. Files outside packages, and any file whose name another
    file already took (two services each with an `app` package), keep the name from the
    analysed root, so that no file is ever dropped. When the root is itself the package the
    code imports (`package`, see `root_package`), every name starts with it. Folders without
    any `__init__.py` (namespace packages) are named from the first folder below the root
    whose name the code imports (`imported`, see `imported_roots`): `svc/docflow/db.py` is
    `docflow.db` when the files say `from docflow.db import ...`. A file in a folder that is no
    package, imported by bare name by a file beside it (`beside`, see `sibling_imports`), is named
    as that import spells it, as Python does for the folder of the script it runs: `server/auth.py`
    is `auth` when `server/main.py` says `from auth import verify`, unless that name is taken."""
    present = set(files)
    names: dict[str, tuple[str, bool]] = {}
    taken: set[str] = set()
    for rel in sorted(files):
        module, is_package = _package_name(rel, present) or _namespace_name(rel, present, imported) \
            or module_name(rel)
        if module in taken:
            module, is_package = module_name(rel)
        if package:
            module = package if module == "__init__" and is_package else f"{package}.{module}"
        names[rel] = (module, is_package)
        taken.add(module)
    if beside and not package:
        for rel in sorted(files):
            script = _script_dir_name(rel, present, beside)
            if script is not None and script[0] not in taken and names[rel] == module_name(rel):
                names[rel] = script
                taken.add(script[0])
    return names


def sibling_imports(sources: dict[str, bytes]) -> dict[str, frozenset[str]]:
    """Per folder, the first names of the modules its files (directly in it) import absolutely."""
    found: dict[str, set[str]] = {}
    for rel, data in sources.items():
        folder = rel.rpartition("/")[0]
        found.setdefault(folder, set()).update(name.decode() for name in _IMPORT_ROOT.findall(data))
    return {folder: frozenset(names) for folder, names in found.items()}


def _script_dir_name(rel: str, present: set[str], beside: dict[str, frozenset[str]]) -> tuple[str, bool] | None:
    """`auth` for `server/auth.py` when a file in `server/` (no package) imports `auth`: the folder
    is the directory of the script that runs, first on `sys.path`."""
    folder, _, name = rel.rpartition("/")
    stem = name[:-3]
    if not folder or stem == "__init__" or not stem.isidentifier() \
            or _package_top(folder.split("/"), present) is not None:
        return None
    return (stem, False) if stem in beside.get(folder, frozenset()) else None


def source_names(root: Path, sources: dict[str, bytes]) -> dict[str, tuple[str, bool]]:
    """`module_names` of the files read, from one scan of what they import (per folder; all
    folders' names together are `imported_roots`)."""
    beside = sibling_imports(sources)
    imported = frozenset().union(*beside.values())
    return module_names(list(sources), root_package(root, sources, imported), imported, beside)


def root_package(root: Path, sources: dict[str, bytes], imported: frozenset[str] | None = None) -> str:
    """The dotted name the root package's own code imports it by, else "": `mealie` for
    `reassess assess mealie/` where the files say `from mealie.db import ...`, and
    `prefect.server` for `reassess assess src/prefect/server` where they say
    `from prefect.server.api import ...` (the folders above the root that hold an
    `__init__.py` are the enclosing packages; they are looked at, never read)."""
    if "__init__.py" not in sources:
        return ""
    chain = _enclosing_packages(root)
    imported = imported_roots(sources) if imported is None else imported
    start = next((k for k, name in enumerate(chain) if name in imported), None)
    return "" if start is None else ".".join(chain[start:])


def _enclosing_packages(root: Path, limit: int = 8) -> list[str]:
    """The root's name preceded by the names of the package folders that enclose it, outermost
    first; stops at the first folder without an `__init__.py` or with a name no import can spell."""
    chain: list[str] = []
    folder = root
    while folder.name.isidentifier() and len(chain) < limit:
        chain.append(folder.name)
        if folder.parent == folder or not (folder.parent / "__init__.py").is_file():
            break
        folder = folder.parent
    return chain[::-1]


_IMPORT_ROOT = re.compile(rb"^[ \t]*(?:from|import)[ \t]+([A-Za-z_]\w*)(?=[.\s]|$)", re.M)


def imported_roots(sources: dict[str, bytes]) -> frozenset[str]:
    """The first names of the modules the files import absolutely (`from docflow.db import x`)."""
    return frozenset(name.decode() for data in sources.values() for name in _IMPORT_ROOT.findall(data))


def _package_top(folders: list[str], present: set[str]) -> int | None:
    """The index of the topmost folder holding an `__init__.py` (None: the file is in no package)."""
    return next((k for k in range(len(folders)) if "/".join(folders[: k + 1]) + "/__init__.py" in present), None)


def _namespace_name(rel: str, present: set[str], imported: frozenset[str]) -> tuple[str, bool] | None:
    """For a file in no package at all: the name from the first folder below the root that the
    code imports by name, unless the root's own first folder is imported that way."""
    folders = rel.split("/")[:-1]
    if not imported or not folders or folders[0] in imported or _package_top(folders, present) is not None:
        return None
    start = next((k for k in range(1, len(folders)) if folders[k] in imported), None)
    return None if start is None else module_name("/".join(rel.split("/")[start:]))


def _package_name(rel: str, present: set[str]) -> tuple[str, bool] | None:
    """The name from the parent of the topmost folder that is a package (folders between
    packages without `__init__.py` are namespace portions and stay in the name)."""
    top = _package_top(rel.split("/")[:-1], present)
    if top is None or top == 0:
        return None  # not in a package, or the package starts at the root: the root name is right
    return module_name("/".join(rel.split("/")[top:]))


_MAIN_GUARD = re.compile(rb"""^if\s+__name__\s*==\s*['"]__main__['"]""", re.M)


def shadowed_modules(sources: dict[str, bytes]) -> list[str]:
    """Module files that no import can reach: `x.py` beside a package `x/` (with its
    `__init__.py`) in the same folder, since the import system tries the package first. A file
    with a `__main__` guard may still run as a script, so it is not counted."""
    return sorted(rel for rel, data in sources.items()
                  if rel.endswith(".py") and not rel.endswith("/__init__.py") and rel != "__init__.py"
                  and rel[:-3] + "/__init__.py" in sources and not _MAIN_GUARD.search(data))


def resolve_root(path: str) -> Path:
    return Path(path).resolve()
