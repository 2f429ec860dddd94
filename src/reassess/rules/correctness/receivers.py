"""Strict answers about project classes and call receivers, for rules that must be exact.

The resolver is built to follow calls and may take the first member of a union or the
first binding of a name. A rule that says "this attribute does not exist" or "these
arguments cannot bind" needs more: a receiver whose type is proved (no union, no
rebinding, no shadowing by a loop variable or closure), and a class whose every
attribute is known (all bases in the project or plain builtins, no `__getattr__`, no
metaclass, no class decorator that could add members, no `setattr(self, ...)`).
Unknown stays unknown: every helper returns None rather than guess.

The answers come from two pieces next to this module: `strict_types` (the proved type of
a name, attribute chain or value) and `class_shapes` (whether a class's members are all
known, and its subclasses and overrides). `Receivers` puts them behind the one object the
rules share per run.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...facts.types import ArgValue, FunctionFacts, ModuleFacts
from .class_shapes import ClassShape, ClassShapes, call_edges
from .strict_types import (
    TRANSPARENT_DECORATORS,
    StrictTypes,
    Type,
    all_transparent,
    is_union,
    shadows_stdlib,
    transparent,
)

if TYPE_CHECKING:
    from ...model.project import ProjectModel

__all__ = [
    "TRANSPARENT_DECORATORS", "ClassShape", "Receivers", "Type", "all_transparent", "call_edges", "has_decorator",
    "is_union", "receivers_of", "shadows_stdlib", "transparent",
]


def has_decorator(func: FunctionFacts, name: str) -> bool:
    return any(d.func == name or d.func.endswith("." + name) for d in func.decorators)


class Receivers:
    """Strict types and class shapes over one model; built once per run (see `receivers_of`).
    The rules ask both kinds of question of one object; each is answered by its own piece."""

    def __init__(self, model: "ProjectModel") -> None:
        self.model = model
        self.types = StrictTypes(model)
        self.shapes = ClassShapes(model)

    # ----- classes --------------------------------------------------------------------------
    def shape(self, class_fq: str) -> ClassShape | None:
        return self.shapes.shape(class_fq)

    def has_member(self, shape: ClassShape, name: str, instance: bool) -> bool:
        return self.shapes.has_member(shape, name, instance)

    def children(self) -> dict[str, list[str]]:
        return self.shapes.children()

    def subclass_defines(self, class_fq: str, name: str) -> bool:
        return self.shapes.subclass_defines(class_fq, name)

    def borrowed(self, class_fq: str) -> bool:
        return self.shapes.borrowed(class_fq)

    def overrides(self, class_fq: str, name: str) -> list[str]:
        return self.shapes.overrides(class_fq, name)

    # ----- receivers ------------------------------------------------------------------------
    def proves_target(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                      target_fq: str, callee: str = "") -> Type:
        return self.types.proves_target(facts, func, chain, target_fq, callee)

    def chain_type(self, facts: ModuleFacts, func: FunctionFacts | None, chain: tuple[str, ...],
                   depth: int = 0) -> Type:
        return self.types.chain_type(facts, func, chain, depth)

    def name_type(self, facts: ModuleFacts, func: FunctionFacts | None, name: str, depth: int) -> Type:
        return self.types.name_type(facts, func, name, depth)

    def dotted_type(self, dotted: str, depth: int) -> Type:
        return self.types.dotted_type(dotted, depth)

    def attribute_type(self, base: Type, attr: str, depth: int) -> Type:
        return self.types.attribute_type(base, attr, depth)

    def value_type(self, facts: ModuleFacts, func: FunctionFacts | None, value: ArgValue, depth: int) -> Type:
        return self.types.value_type(facts, func, value, depth)

    def returned_instance(self, function_fq: str) -> str:
        return self.types.returned_instance(function_fq)

    def constructs(self, class_fq: str) -> bool:
        return self.types.constructs(class_fq)


def receivers_of(model: "ProjectModel") -> Receivers:
    """The Receivers of this model, shared by the rules of one run (kept on the model, so it
    goes with the model instead of outliving the run in a global)."""
    return model.memo("correctness.receivers", lambda: Receivers(model))
