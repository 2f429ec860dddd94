"""The project's own error hierarchy and the exceptions that stay outside it.

A project that registers an app-wide exception handler for one of its classes, and derives
several errors from it, has chosen how domain errors reach clients. An exception class it
defines beside that hierarchy (on a builtin base such as `ValueError`), raised on a request
path and caught nowhere on the way, escapes every handler: FastAPI answers a bare 500.
"""
from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ...facts.types import FunctionFacts, ModuleFacts
from ...findings import Location
from ...knowledge.exceptions import BROAD
from ...model.app import is_test_path
from ...model.resilience import blocks as blk
from ...model.resilience.guards import resolved_name

if TYPE_CHECKING:
    from ...model.app import EntryPoint
    from ...model.project import ProjectModel


@dataclass
class Handled:
    """A project exception class an app-wide handler answers, with its project subclasses."""

    fq: str
    handler: "EntryPoint"
    subclasses: list[str] = field(default_factory=list)


@dataclass
class Stray:
    """A project exception class outside every handled hierarchy, raised on a request path."""

    fq: str
    path: str
    line: int
    bases: list[str]
    raises: list[tuple[str, str, int]]  # (function fq, path, line)
    entry: "EntryPoint"
    hierarchy: Handled
    written: list[str] = field(default_factory=list)  # the bases as the class statement writes them


def handled_hierarchies(model: "ProjectModel") -> list[Handled]:
    """Project classes with an app-wide exception handler and at least two project subclasses."""
    found = {fq: Handled(fq, entry) for fq, entry in handler_classes(model).items()}
    for fq in sorted(model.classes):
        for base in model.mro(fq)[1:]:
            if base in found:
                found[base].subclasses.append(fq)
    return [h for h in found.values() if len(h.subclasses) >= 2]


def _handler_class(model: "ProjectModel", entry: "EntryPoint") -> str:
    written = entry.details.get("exception", "")
    where = str(entry.details.get("registered_at", "")).rsplit(":", 1)[0]
    facts = model.by_path.get(where) or (model.functions[entry.function][0] if entry.function in model.functions
                                         else None)
    return resolved_name(model, facts, None, written) if facts is not None and written else ""


def handler_classes(model: "ProjectModel") -> dict[str, "EntryPoint"]:
    """Project exception class fq -> the app-wide handler registered for it (the first one)."""
    found: dict[str, "EntryPoint"] = {}
    for entry in model.app.of_kind("exception-handler"):
        fq = _handler_class(model, entry)
        if fq in model.classes:
            found.setdefault(fq, entry)
    return found


def handled_names(model: "ProjectModel") -> set[str]:
    """Every class (project fq or builtin name) an app-wide handler is registered for."""
    names = set()
    for entry in model.app.of_kind("exception-handler"):
        written = entry.details.get("exception", "")
        names.add(_handler_class(model, entry) or written.rsplit(".", 1)[-1])
    return names


def exception_bases(model: "ProjectModel", fq: str) -> list[str]:
    """The builtin exception bases of a project class (through its project bases), or []
    when it is not an exception or derives from a library class we cannot read."""
    found = []
    for cls in model.mro(fq):
        for base in model.classes[cls][1].bases:
            tail = base.rsplit(".", 1)[-1]
            builtin = getattr(builtins, tail, None)
            if isinstance(builtin, type) and issubclass(builtin, BaseException) and base in (tail, f"builtins.{tail}"):
                found.append(tail)
            elif resolved_name(model, model.classes[cls][0], None, base) not in model.classes:
                return []  # a library base (HTTPException, a framework error): its handling is not ours to judge
    return found


def strays(model: "ProjectModel", requests: dict[str, "EntryPoint"], hierarchy: Handled) -> list[Stray]:
    handled = model.memo("errors.handled_names", lambda: handled_names(model))
    raised = model.memo("errors.raised_classes", lambda: _raises(model))
    out = []
    for fq in sorted(raised):
        if fq not in model.classes or hierarchy.fq in model.mro(fq):
            continue
        bases = exception_bases(model, fq)
        if not bases or handled & ({*model.mro(fq), *bases}):
            continue
        sites = [s for s in raised[fq] if s[0] in requests]
        if not sites or _caught(model, fq, bases, raised[fq]):
            continue
        facts, cls = model.classes[fq]
        out.append(Stray(fq, facts.path, cls.line, bases, sites, requests[sites[0][0]], hierarchy, list(cls.bases)))
    return out


def _raises(model: "ProjectModel") -> dict[str, list[tuple[str, str, int]]]:
    """Project exception class fq -> where it is raised (outside tests and validators)."""
    found: dict[str, list[tuple[str, str, int]]] = {}
    for fq, facts, func in model.iter_functions():
        if is_test_path(facts.path) or _validator(func):
            continue
        for block in blk.blocks(func, "raise"):
            name = resolved_name(model, facts, func, block["exc"]) if block["exc"] else ""
            if name in model.classes:
                found.setdefault(name, []).append((fq, facts.path, block["line"]))
    return found


def _validator(func: FunctionFacts) -> bool:
    """Pydantic turns a ValueError raised in a validator into a 422 itself."""
    return any(d.func.rsplit(".", 1)[-1].endswith("validator") for d in func.decorators)


def _caught(model: "ProjectModel", fq: str, bases: list[str], sites: list[tuple[str, str, int]]) -> bool:
    """Whether a function that raises it or reaches one that does names it, a project base or
    its builtin base in an `except` (a broad `except Exception` is not taken as handling)."""
    names = {*model.mro(fq), *bases, *(f"builtins.{b}" for b in bases)} - BROAD
    reaching = model.reach({site[0]: True for site in sites}, lambda edge: True)
    for caller in reaching:
        facts, func = model.functions[caller]
        for handler in blk.blocks(func, "except"):
            if any(_catches(model, facts, func, written, names) for written in handler["types"]):
                return True
    return False


def _catches(model: "ProjectModel", facts: ModuleFacts, func: FunctionFacts, written: str, names: set[str]) -> bool:
    return written in names or written.rsplit(".", 1)[-1] in names or \
        resolved_name(model, facts, func, written) in names


def stray_related(stray: Stray) -> list[Location]:
    handler = stray.hierarchy.handler
    related = [Location(path, line, line, f"raised in `{fq.rsplit('.', 2)[-2]}.{fq.rsplit('.', 1)[-1]}`")
               for fq, path, line in stray.raises[:4]]
    related.append(Location(handler.path, handler.line, handler.line,
                            f"the app-wide handler for `{stray.hierarchy.fq.rsplit('.', 1)[-1]}`"))
    return related
