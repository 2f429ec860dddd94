"""`functools` memoisers: a function they wrap runs once per distinct argument tuple."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..facts.types import Decorator, FunctionFacts, ModuleFacts

MEMOISERS = ("cache", "lru_cache", "functools.cache", "functools.lru_cache")


def cache_decorator(facts: "ModuleFacts", func: "FunctionFacts") -> "Decorator | None":
    """The function's `functools` memoising decorator: a `cache` imported from elsewhere (cashews,
    aiocache, the project's own) has its own storage and expiry, so it is not this one."""
    return next((d for d in func.decorators if d.func in MEMOISERS and _from_functools(facts, d.func)), None)


def _from_functools(facts: "ModuleFacts", dotted: str) -> bool:
    head = dotted.split(".", 1)[0]
    imp = next((i for i in reversed(facts.imports) if i.bound == head and not i.in_function), None)
    return imp is not None and imp.level == 0 and imp.module == "functools"
