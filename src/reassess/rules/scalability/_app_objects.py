"""Attributes of the objects an application keeps for every request, assigned by a request.

An aiohttp app keeps its shared services in its storage (`request.app[CONTAINER]`), FastAPI and
Starlette on `app.state`: one object per process that every request reads. A handler or middleware
that assigns one of its attributes from data of the request (`request.app[CONTAINER].settings.
current_conference_id = int(conference_id)`) puts a per-request value where every concurrent request
reads it, and a value that other processes never see.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Iterator

from ...facts.types import FunctionFacts
from ...facts.walkers.appkeys import APP_HOLDERS
from ...model.app import is_test_path
from ...model.project import ProjectModel
from ...model.resilience.runtime import entries_reaching
from ...model.resilience.triggers import REQUEST_KINDS


@dataclass(frozen=True)
class AppObjectWrite:
    path: str
    line: int
    target: str  # as written: `request.app.[].settings.current_conference_id`
    shown: str  # as a reader writes it: `request.app[CONTAINER].settings.current_conference_id`
    entries: tuple[str, ...]


def app_object_writes(model: ProjectModel) -> Iterator[AppObjectWrite]:
    """Each assignment, on a request's path, of data to an attribute of an object the app keeps."""
    for fq, facts, func in model.iter_functions():
        if is_test_path(facts.path):
            continue
        for store in func.extra.get("stores", ()):
            if store["kind"] != "set" or store["item"] or not _on_app_object(func, store["target"]):
                continue
            shown = _written(model, facts.path, store["line"])
            if not shown:
                continue
            entries = tuple(e.name for e, _c in entries_reaching(model, {fq}, limit=20) if e.kind in REQUEST_KINDS)
            if entries:
                yield AppObjectWrite(facts.path, store["line"], store["target"], shown, entries)


def _on_app_object(func: FunctionFacts, target: str) -> bool:
    """The target is an attribute of an object the app stores, not the app's own slot for it:
    `request.app.[].settings.x` or `request.app.[].x` (an aiohttp app keeps objects under keys),
    `app.state.settings.x` (but not `app.state.settings = ...`), or `settings.x` after `settings =
    request.app[CONTAINER].settings`."""
    parts = target.split(".")
    if parts[0] in func.extra.get("app_key_locals", ()):
        return len(parts) >= 2
    for index, part in enumerate(parts[:-1]):
        after = len(parts) - index - 2  # names after `app.[]` / `app.state`
        if part in APP_HOLDERS and parts[index + 1] == "[]":
            return after >= 1
        if part in APP_HOLDERS and parts[index + 1] == "state":
            return after >= 2
    return False


def _written(model: ProjectModel, path: str, line: int) -> str:
    """The assignment's target as written, when the value assigned is not a constant (a literal
    flag or number is a switch the code sets, not data of the request); "" otherwise."""
    text = model.line_text(path, line).strip()
    target, sep, value = text.partition("=")
    if not sep or value.startswith("=") or target.endswith(("!", "<", ">")):
        return ""
    try:
        ast.literal_eval(value.strip())
    except (ValueError, SyntaxError):
        return target.strip()
    return ""
