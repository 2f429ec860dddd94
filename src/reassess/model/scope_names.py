"""Where a name is bound when the module or function reading it does not bind it itself: a star
import's source module, a nested function, an enclosing function's binding (for model/resolve.py)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..facts.types import FunctionFacts, ModuleFacts
from .symbols import resolve_relative

if TYPE_CHECKING:
    from .project import ProjectModel


def star_source(model: "ProjectModel", module: str, name: str, seen: frozenset[str] = frozenset()) -> str | None:
    """The project module a `from .x import *` of `module` takes the public `name` from (the
    package `__init__` that re-exports its submodules), the last such import winning, as in Python."""
    if name.startswith("_"):
        return None
    for imp in reversed(model.modules[module].imports):
        if imp.name != "*" or imp.in_function or imp.type_checking:
            continue
        source = resolve_relative(module, model.modules[module].is_package, imp)
        if source in model.modules and source not in seen and source != module and _exports(model, source, name) \
                and (name in model.bindings[source] or star_source(model, source, name, seen | {module})):
            return source
    return None


def _exports(model: "ProjectModel", module: str, name: str) -> bool:
    """`import *` of `module` binds `name`: listed in its `__all__` when that is a written-out list."""
    listed = model.modules[module].assigns.get("__all__")
    return listed is None or not isinstance(listed.value, list) or name in listed.value


def nested_function(facts: ModuleFacts, func: FunctionFacts, name: str) -> str:
    """The qualname of the function `name` defined inside `func` or a function enclosing it."""
    qualname = func.qualname
    while True:
        if f"{qualname}.<locals>.{name}" in facts.functions:
            return f"{qualname}.<locals>.{name}"
        if ".<locals>." not in qualname:
            return ""
        qualname = qualname.rsplit(".<locals>.", 1)[0]


def enclosing_scope(facts: ModuleFacts, func: FunctionFacts, name: str) -> FunctionFacts | None:
    """The nearest enclosing function of a nested one that binds `name` (a parameter, a local,
    `self` of a method), which is what the closure reads; None when only the module does."""
    if not func.is_nested or name in func.extra.get("globals", ()):
        return None
    qualname = func.qualname
    while ".<locals>." in qualname:
        qualname = qualname.rsplit(".<locals>.", 1)[0]
        outer = facts.functions.get(qualname)
        if outer is None:
            return None
        if name in outer.local_types or any(p.name == name for p in outer.params) \
                or (name in ("self", "cls") and outer.class_name):
            return outer
    return None
