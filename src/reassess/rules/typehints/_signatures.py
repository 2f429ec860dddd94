"""What the type-hint rules share: which functions are public API, and their parameters."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

from .._scope import reviewed_modules

if TYPE_CHECKING:
    from ...facts.types import FunctionFacts, ModuleFacts, Param
    from ...model.app import EntryPoint
    from ...model.project import ProjectModel

ROUTE_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "api_route", "route"})


def is_dunder(name: str) -> bool:
    return name.startswith("__") and name.endswith("__") and len(name) > 4


def is_public(func: "FunctionFacts") -> bool:
    """Not nested, and no part of its qualified name private (`__init__` counts as public)."""
    if func.is_nested:
        return False
    parts = func.qualname.split("@")[0].split(".")
    return all(not p.startswith("_") or (is_dunder(p) and i == len(parts) - 1) for i, p in enumerate(parts))


def counted_params(func: "FunctionFacts") -> list["Param"]:
    """The parameters a hint is expected on: all but a method's `self`/`cls`."""
    params = list(func.params)
    static = any(d.func.rsplit(".", 1)[-1] == "staticmethod" for d in func.decorators)
    if func.class_name and not static and params and params[0].kind in ("posonly", "pos"):
        params = params[1:]
    return params


def served_modules(model: "ProjectModel") -> Iterator["ModuleFacts"]:
    """Modules of the running system written by hand (see rules/_scope.py), by path."""
    return reviewed_modules(model)


def entries_by_function(model: "ProjectModel") -> dict[str, "EntryPoint"]:
    return {e.function: e for e in model.app.entrypoints}


def route_decorator_kwargs(func: "FunctionFacts") -> dict | None:
    """The keywords of the function's route decorator (`@router.get(...)`), None if it has none."""
    for deco in func.decorators:
        if deco.is_call and deco.func.rsplit(".", 1)[-1] in ROUTE_VERBS:
            return deco.kwargs
    return None


def signature_text(func: "FunctionFacts", limit: int = 6) -> str:
    """`name(a: int, b, *args) -> str` as declared (without self/cls), shortened after `limit` params."""
    parts = []
    for param in counted_params(func)[:limit]:
        stars = {"vararg": "*", "kwarg": "**"}.get(param.kind, "")
        parts.append(f"{stars}{param.name}" + (f": {param.annotation}" if param.annotation else ""))
    if len(counted_params(func)) > limit:
        parts.append("...")
    returns = f" -> {func.returns}" if func.returns else ""
    return f"{func.name}({', '.join(parts)}){returns}"
