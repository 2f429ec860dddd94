"""In-flight markers on a long-lived service object, for RA502 (process_local_coordination): a key
tested, marked and cleared in `finally`, a lock that only the process holding it sees."""
from __future__ import annotations

import re

from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.components import InstanceState


_LOCAL_KEYS = re.compile(r"WebSocket|Connection|Task|Future|Lock|Event", re.I)


def shareable_container(model: ProjectModel, attr: InstanceState) -> bool:
    """A container set up in the constructor whose declaration names no process-local object
    (sockets, tasks, futures, locks): only such entries could be kept in a shared store instead."""
    return bool(attr.container and attr.init_line) and not \
        _LOCAL_KEYS.search(model.line_text(attr.init_path, attr.init_line).split("=", 1)[0])


def in_flight(model: ProjectModel, attr: InstanceState) -> tuple[str, dict, int] | None:
    """(function, test, line cleared) when a method of the singleton uses `self.<attr>` as a lock:
    a test on it that leaves the function (`if key in self._running: raise Conflict(...)`), a
    write after it, and a write in a `finally` that clears the mark. A test whose branch reads the
    container again (`return await self._pending[key]`: one fetch shared by concurrent callers)
    is an in-process de-duplication, and keys that are process-local objects (sockets, tasks)
    cannot be shared anyway: neither counts."""
    if not shareable_container(model, attr):
        return None
    chain = f"self.{attr.attr}"
    for fq in sorted({fq for fq, _ln in attr.writes}):
        facts, func = model.functions[fq]
        lines = sorted(ln for w, ln in attr.writes if w == fq)
        cleared = next((ln for ln in lines if blk.in_finally(func, ln)), 0)
        test = _lock_test(model, facts.path, func, chain, lines, cleared) if cleared else None
        if test is None and not cleared:
            cleared = _cleared_by_callee(model, fq, attr)
            test = _lock_test(model, facts.path, func, chain, lines, func.end_line + 1) if cleared else None
        if test is not None:
            return fq, test, cleared
    return None


def _cleared_by_callee(model: ProjectModel, fq: str, attr: InstanceState) -> int:
    """The line where a method of the same class that `fq` calls or starts as a task (`create_task(
    self._sync(...))`) clears the mark in its `finally`: the mark is set by the request and held
    while the started work runs."""
    owner = fq.rsplit(".", 1)[0]
    for edge in model.edges.get(fq, ()):
        callee = edge.target.name
        if edge.target.kind != "function" or callee == fq or callee.rsplit(".", 1)[0] != owner \
                or callee not in model.functions:
            continue
        _facts, target = model.functions[callee]
        cleared = next((ln for w, ln in attr.writes if w == callee and blk.in_finally(target, ln)), 0)
        if cleared:
            return cleared
    return 0


def _lock_test(model: ProjectModel, path: str, func, chain: str, lines: list[int], cleared: int) -> dict | None:
    """The `if` on `chain` that leaves the function, followed by a write before the clearing one,
    whose branch raises or does not read the container again."""
    for test in blk.blocks(func, "if"):
        if not test.get("exits") or chain not in test.get("chains", ()):
            continue
        if not any(test["end"] < ln < cleared for ln in lines):
            continue
        if blk.raises_in(func, test["line"] + 1, test["end"]) or \
                not any(chain in model.line_text(path, n) for n in range(test["line"] + 1, test["end"] + 1)):
            return test
    return None
