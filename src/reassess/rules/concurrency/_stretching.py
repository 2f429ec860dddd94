"""Hand-rolled key stretching: a hash constructor called once per round of a long `range` loop.

No single call is heavy, so the name alone says nothing; what makes it heavy is the loop
around it: `for _ in range(rounds)` with `rounds` a literal, a parameter's default or a
module constant of at least the iteration count of a password-strength pbkdf2.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ...knowledge.blocking import ITERATED_HASHES, STRETCHING, Blocking, stretching_rounds
from ...knowledge.clients import canonical

if TYPE_CHECKING:
    from ...model.project import Edge, ProjectModel


def iterated_hash(model: "ProjectModel", edge: "Edge") -> Blocking | None:
    """STRETCHING when `edge` hashes once per round of a loop long enough to cost like pbkdf2."""
    site = edge.site
    if not site.loop_line or edge.target.kind != "external" or canonical(edge.target.name) not in ITERATED_HASHES:
        return None
    loop = next((e for e in model.edges.get(edge.caller, ()) if e.site.line == site.loop_line
                 and e.site.used_as == "for" and e.target.kind == "builtin" and e.target.name == "range"), None)
    if loop is None or not loop.site.args or loop.site.star_args:
        return None
    bound = loop.site.args[1] if len(loop.site.args) > 1 else loop.site.args[0]
    return STRETCHING if stretching_rounds(constant_value(model, edge.caller, bound)) else None


def constant_value(model: "ProjectModel", fq: str, value: object) -> object:
    """An int the value stands for: itself, a parameter's constant default, a module constant."""
    if not isinstance(value, dict) or "ref" not in value or "." in value["ref"]:
        return value
    name = value["ref"]
    facts, func = model.functions[fq]
    param = next((p for p in func.params if p.name == name), None)
    if param is not None:
        return getattr(param, "default", None)
    if name in func.local_types:
        return func.local_types[name]
    assign = facts.assigns.get(name)
    return assign.value if assign is not None else None
