"""Per-key locks kept on a long-lived service object (`self._locks = defaultdict(asyncio.Lock)`)
that serialise request work changing shared state: a lock only the holding process sees (RA502).

A per-key lock that only guards this process's own memory (one refresh of a local cache at a
time) is right where it is; the question is what the guarded block changes."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.components import singletons
from ...model.resilience.runtime import entries_reaching, forward
from ._shared_writes import shared_writes

_LOCK_VALUES = re.compile(r"\b(asyncio\.)?(Lock|Semaphore|BoundedSemaphore)\b")
_DICTS = frozenset({"dict", "defaultdict", "WeakValueDictionary"})


@dataclass(frozen=True)
class KeyedLock:
    class_fq: str
    attr: str
    init_path: str
    init_line: int
    fq: str  # the method taking one of the locks
    line: int  # its `async with self.<attr>[key]:`
    write: tuple[str, int, str]  # (path, line, what) of the first shared change under it
    entries: tuple[str, ...]  # the request entry points that reach the method


def keyed_locks(model: ProjectModel) -> list[KeyedLock]:
    """One per lock attribute of a singleton: its first request-driven use that writes shared state."""
    found = []
    for class_fq in sorted(singletons(model)):
        facts = model.classes[class_fq][0]
        if is_test_path(facts.path):
            continue
        for attr, line in _lock_dicts(model, class_fq):
            use = _first_use(model, class_fq, attr)
            if use is not None:
                found.append(KeyedLock(class_fq, attr, facts.path, line, *use))
    return found


def _lock_dicts(model: ProjectModel, class_fq: str) -> list[tuple[str, int]]:
    """(attribute, line) of the dicts of locks the constructor creates (`defaultdict(asyncio.Lock)`,
    `dict[str, asyncio.Lock] = {}`)."""
    init = model.functions.get(f"{class_fq}.__init__")
    if init is None:
        return []
    facts, func = init
    out = []
    for store in func.extra.get("stores", ()):
        parts = store["target"].split(".")
        if len(parts) != 2 or parts[0] != "self" or store["item"]:
            continue
        value = func.self_attrs.get(parts[1])
        made = value.get("call", "").rsplit(".", 1)[-1] if isinstance(value, dict) else ""
        if (made in _DICTS or isinstance(value, dict) and value.get("literal") == "dict") and \
                _LOCK_VALUES.search(model.line_text(facts.path, store["line"])):
            out.append((parts[1], store["line"]))
    return out


def _first_use(model: ProjectModel, class_fq: str, attr: str):
    """(method, line, write, entries) of the first `async with self.<attr>[key]:` in a method a
    request reaches whose block changes shared state; None when there is none."""
    expr = f"self.{attr}.[]"
    for method in model.classes[class_fq][1].methods:
        fq = f"{class_fq}.{method}"
        if fq not in model.functions:
            continue
        for block in model.functions[fq][1].extra.get("withs", ()):
            if block["expr"] != expr or not block["async"]:
                continue
            writes = _writes_under(model, fq, block["line"], block["end"])
            if not writes:
                continue
            entries = sorted({e.name for e, _c in entries_reaching(model, {fq}, limit=8)
                              if e.kind in ("http", "websocket")})
            if entries:
                return fq, block["line"], writes[0], tuple(entries)
    return None


def _writes_under(model: ProjectModel, fq: str, start: int, end: int) -> list[tuple[str, int, str]]:
    """The shared-state changes (SQL, ORM and Redis writes, outbound POSTs) made inside the block,
    directly or by the project functions it calls."""
    path = model.functions[fq][0].path
    callees = [model.callee_function(e.target) for e in model.edges.get(fq, ()) if start < e.site.line <= end]
    reach = forward(model, [c for c in callees if c])
    own = [w for w in shared_writes(model, {fq}) if w[0] == path and start < w[1] <= end]
    return sorted(own + shared_writes(model, reach - {fq}))
