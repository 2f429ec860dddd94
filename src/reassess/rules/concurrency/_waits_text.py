"""Wording for a helper that blocks the loop in several functions below it (see `_blocking._waits_below`):
the finding sits on the coroutine's call and names each of the helper's blocking calls."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...findings import Location
from ._blocking import Boundary, location, short
from ._text import to_thread, where

if TYPE_CHECKING:
    from ...model.project import ProjectModel


def waits_text(model: "ProjectModel", boundary: Boundary) -> str:
    """" `normalize_photo` also blocks at `os.fdopen` (imaging.py:25): one offload of this call covers them all."""
    if not boundary.waits:
        return ""
    calls = ", ".join(f"`{seed.target.removeprefix('builtins.')}` "
                      f"({where(model.functions[seed.edge.caller][0].path, seed.edge.site.line)})"
                      for seed in boundary.waits)
    return (f" `{short(boundary.callee)}` also blocks at {calls}: no one of these calls is the fix, one "
            "offload of this call covers them all.")


def waits_related(model: "ProjectModel", boundary: Boundary) -> list[Location]:
    return [location(model, seed.edge, f"also blocks below `{short(boundary.callee)}`: "
                                       f"`{seed.target.removeprefix('builtins.')}`") for seed in boundary.waits]


def waits_advice(boundary: Boundary, source: str) -> str:
    return (f"`{short(boundary.callee)}` blocks the loop in {len(boundary.waits) + 1} places, so run all of it in "
            f"a worker thread where the coroutine calls it:\n\n    {to_thread(source)}")
