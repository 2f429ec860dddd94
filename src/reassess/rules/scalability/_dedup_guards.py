"""Duplicate guards kept in process memory, for RA502 (process_local_coordination): a container that
request handling tests for a key, leaving when it is there, and then records the key in. Module-level
containers and those a long-lived service object keeps (`self._seen_batches`) alike."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ...knowledge.logs import LOG_METHODS
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience import blocks as blk
from ...model.resilience.components import instance_state, singletons
from ...model.resilience.runtime import entries_reaching, short
from ...model.resilience.state import module_state
from ._local_state_sockets import REQUESTS


@dataclass
class DedupGuard:
    name: str  # `_seen` or `MeteringService._seen_batches`
    path: str  # where the container is made
    line: int
    used_in: str  # the file of the function testing and recording the key
    test: int
    write: int
    entries: list[str]


def dedup_guards(model: ProjectModel) -> Iterator[DedupGuard]:
    """Each guard once: at the first of its writes that a request reaches after an exiting test."""
    for state in module_state(model):
        if state.kind == "container" and not is_test_path(state.facts.path):
            writes = [(w.function, w.line) for w in state.writes]
            yield from _first_guard(model, state.name, state.name, state.facts.path, state.assign.line, writes)
    for class_fq in sorted(singletons(model)):
        if is_test_path(model.classes[class_fq][0].path):
            continue
        for attr in instance_state(model, class_fq):
            if attr.container and attr.init_line:
                yield from _first_guard(model, f"self.{attr.attr}", f"{short(class_fq)}.{attr.attr}",
                                        attr.init_path, attr.init_line, attr.writes)


def _first_guard(model: ProjectModel, chain: str, name: str, path: str, line: int,
                 writes: list[tuple[str, int]]) -> Iterator[DedupGuard]:
    for fq, write in writes:
        facts, func = model.functions[fq]
        test = 0 if _only_logs(func, chain) or _cleared_in_finally(func, chain) else \
            _membership_exit(model, facts.path, func, chain, write)
        if test and _latched_answer(model, facts.path, func, test, write):
            test = 0
        entries = [e.name for e, _c in entries_reaching(model, {fq}, limit=4) if e.kind in REQUESTS] if test else []
        if entries:
            yield DedupGuard(name, path, line, facts.path, test, write, entries)
            return


def _only_logs(func, chain: str) -> bool:
    """Besides testing and recording the key, the function only logs (`if reason in _warned:
    return; _warned.add(reason); log.warning(...)`): a warn-once throttle, per process by design."""
    logs = [(s.line, s.end_line) for s in func.calls if s.func and s.func[-1] in LOG_METHODS]
    parts = tuple(chain.split("."))
    return bool(logs) and all(site.func and site.func[:len(parts)] == parts or any(a <= site.line <= b for a, b in logs)
                              for site in func.calls)


_REMOVES = frozenset({"pop", "discard", "remove", "popitem", "clear"})


def _cleared_in_finally(func, chain: str) -> bool:
    """The key is taken out again in a `finally` (`self._running.pop(key, None)`): a marker held while
    the work runs (an in-flight lock, judged on its own), not a record of work done."""
    parts = tuple(chain.split("."))
    return any(site.func and site.func[:len(parts)] == parts and site.func[-1] in _REMOVES
               and blk.in_finally(func, site.line) for site in func.calls)


def _membership_exit(model: ProjectModel, path: str, func, name: str, write: int) -> int:
    """The line of an `if key in <name>:` before `write` whose branch leaves (returns or raises)
    without reading the stored value back (`return <name>[key]` is a cache hit, not a guard)."""
    tested = re.compile(rf"\bin\s+{re.escape(name)}\b")
    read = re.compile(rf"\b{re.escape(name)}\s*(?:\[|\.get\()")
    for block in blk.ifs(func):
        if not block.get("exits") or block["line"] >= write \
                or not tested.search(model.line_text(path, block["line"])):
            continue
        if not any(read.search(model.line_text(path, line)) for line in range(block["line"] + 1, block["end"] + 1)):
            return block["line"]
    return 0


_RETURN = re.compile(r"^\s*return\s+(.+?)\s*$")
_IF_TEST = re.compile(r"^\s*(?:el)?if\s+(.+?)\s*:\s*$")


def _latched_answer(model: ProjectModel, path: str, func, test: int, write: int) -> bool:
    """The key is recorded only under a condition the function then answers with, and the exit
    branch answers the same (`if key in _full: return True` ... `if at_capacity: _full.add(key)`;
    `return at_capacity`): a latch remembering a computed yes so it is not computed again, not a
    guard that refuses work already done. Another process computes the same yes itself."""
    exit_block = next((b for b in blk.ifs(func) if b["line"] == test), None)
    answered = _first_return(model, path, test + 1, exit_block["end"]) if exit_block else ""
    guards = [b for b in blk.ifs(func) if test < b["line"] < write <= b["end"]]
    if not answered or not guards:
        return False
    condition = _IF_TEST.match(model.line_text(path, max(guards, key=lambda b: b["line"])["line"]))
    after = _first_return(model, path, write + 1, func.end_line)
    return after == answered or answered == "True" and condition is not None and after == condition.group(1)


def _first_return(model: ProjectModel, path: str, start: int, end: int) -> str:
    """The value of the first one-line `return` between `start` and `end`, as written ("" if none)."""
    for line in range(start, end + 1):
        found = _RETURN.match(model.line_text(path, line))
        if found:
            return found.group(1)
    return ""
