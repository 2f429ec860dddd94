"""What resolving yields: a value's `Type` and a call site's `Target` (model/resolve.py), kept
apart so that the resolver's parts share them without importing each other."""
from __future__ import annotations

import builtins
from dataclasses import dataclass

Type = tuple[str, str] | None
BUILTINS = frozenset(dir(builtins))
MAX_DEPTH = 6  # how many bindings, calls and attributes one resolution follows


@dataclass(frozen=True, slots=True)
class Target:
    """What a call site calls: kind is "function", "class", "external", "builtin" or "unresolved"."""

    kind: str
    name: str

    @property
    def is_project(self) -> bool:
        return self.kind in ("function", "class")


UNRESOLVED = Target("unresolved", "")
