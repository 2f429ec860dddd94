"""The call graph's two shapes, apart from the model so that its parts can build and walk them
without importing the model itself."""
from __future__ import annotations

from dataclasses import dataclass

from ..facts.types import CallSite
from .resolve import Target


@dataclass(frozen=True, slots=True)
class Edge:
    """One resolved call: caller function (fq), the call site, and its target. `path` is the file
    of the site when it is not the caller's own: a `Depends()` a router, `include_router` or the
    app declares for the caller's route (see `site_path`). `kind` is "call" for a call the code
    writes (or implies: `Depends()`, dict dispatch), "property" / "setter" for an attribute read /
    assignment that runs a project property's getter / setter (`model.property_edges`)."""

    caller: str
    site: CallSite
    target: Target
    path: str = ""
    kind: str = "call"


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a call chain: the function and the call site it makes next."""

    function: str
    path: str
    line: int
    text: str
