"""Files a service keeps under a directory attribute (`self._spool`): which methods write there
and which read back, for the local-disk state rule."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts.types import CallSite, FunctionFacts

if TYPE_CHECKING:
    from ...model.project import ProjectModel

# Calls that build a path from a base (`os.path.join(base, name)`, `Path(base)`, `base / name` is not a call).
_JOINS = frozenset({"join", "Path", "PurePath", "joinpath", "with_suffix", "with_name"})
_OPENS = frozenset({"open"})  # builtin, io, aiofiles, anyio: mode decides the direction
_WRITES = frozenset({"write_bytes", "write_text", "makedirs", "mkdir", "copyfile", "copy", "copy2", "move",
                     "rename", "replace", "savez", "to_csv", "to_parquet", "save"})
_READS = frozenset({"read_bytes", "read_text", "listdir", "scandir", "exists", "isfile", "isdir", "getsize",
                    "glob", "iglob", "iterdir", "FileResponse", "stat"})
_WRITE_WORDS = re.compile(r"(^|_)(write|save|store|dump|spool|persist)(_|$)")
_READ_WORDS = re.compile(r"(^|_)(read|load|open|list)(_|$)")
_OFFLOAD = frozenset({"to_thread", "run_in_executor", "run_sync", "run_in_threadpool"})


@dataclass
class DiskUse:
    """Where one class's methods touch the files under one of its directory attributes."""

    attr: str  # "self._spool"
    writes: dict[str, list[int]] = field(default_factory=dict)  # method fq -> lines naming the directory
    reads: dict[str, list[int]] = field(default_factory=dict)


def disk_uses(model: "ProjectModel", class_fq: str) -> list[DiskUse]:
    """The class's directory attributes that some method writes files under and some other
    method reads files from (directly or through a module helper it hands the path to)."""
    found: dict[str, DiskUse] = {}
    methods = model.classes[class_fq][1].methods
    for method in methods:
        fq = f"{class_fq}.{method}"
        if fq not in model.functions or method == "__init__":
            continue
        func = model.functions[fq][1]
        for site in func.calls:
            attr, line = _under_attr(func, site)
            direction = _direction(site) if attr else ""
            if direction:
                use = found.setdefault(attr, DiskUse(attr))
                getattr(use, direction).setdefault(fq, []).append(line)
    return [use for use in found.values()
            if use.writes and use.reads and set(use.reads) != set(use.writes)]


def _under_attr(func: FunctionFacts, site: CallSite) -> tuple[str, int]:
    """The `self.<attr>` the call's path argument is built from, and the line naming it (("", 0)
    when none): the attribute itself, or a local joined from it (`part = os.path.join(self._spool,
    upload_id, name)`, the line a reader of the code sees the directory on)."""
    for value in (*site.args[:3], *site.kwargs.values()):
        attr, line = _base_attr(func, value, site.line, 0)
        if attr:
            return attr, line
    return "", 0


def _base_attr(func: FunctionFacts, value: object, line: int, depth: int) -> tuple[str, int]:
    if not isinstance(value, dict) or depth > 4:
        return "", 0
    ref = value.get("ref")
    if isinstance(ref, str):
        if ref.startswith("self.") and ref.count(".") == 1:
            return ref, line
        local = func.local_types.get(ref) if "." not in ref else None
        return _base_attr(func, local, line, depth + 1)
    call = str(value.get("call", ""))
    if call.rsplit(".", 1)[-1] in _JOINS:
        site = next((s for s in func.calls if s.line == value.get("line") and s.func
                     and ".".join(s.func) == call), None)
        return _base_attr(func, site.args[0], site.line, depth + 1) if site is not None and site.args else ("", 0)
    return "", 0


def _direction(site: CallSite) -> str:
    """"writes" or "reads" for a file operation (by an `open` mode, a path method, or a helper's
    name, also when offloaded to a thread), "" for anything else (a path join)."""
    name = site.func[-1] if site.func else ""
    if name in _OFFLOAD and site.args and isinstance(site.args[0], dict):
        name = str(site.args[0].get("ref", "")).rsplit(".", 1)[-1]
    if name in _OPENS:
        mode = site.args[1] if len(site.args) > 1 else site.kwargs.get("mode", "r")
        return "writes" if isinstance(mode, str) and set(mode) & set("wax") else "reads"
    if name in _WRITES or _WRITE_WORDS.search(name):
        return "writes"
    if name in _READS or _READ_WORDS.search(name):
        return "reads"
    return ""
