"""Serve names that moved to another module, with a deprecation warning."""
from __future__ import annotations

import importlib
import warnings
from typing import Any, Callable, Iterable


def moved_attributes(old: str, new: str, names: Iterable[str]) -> Callable[[str], Any]:
    served = set(names)

    def __getattr__(name: str) -> Any:
        if name not in served:
            raise AttributeError(f"module {old!r} has no attribute {name!r}")
        warnings.warn(f"{old}.{name} moved to {new}", DeprecationWarning, stacklevel=2)
        return getattr(importlib.import_module(new), name)

    return __getattr__
