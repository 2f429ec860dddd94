"""RA716 logic-error: `req.side == "BUY"` where `side: Literal["buy", "sell"]`, a test no value passes."""
from __future__ import annotations

import ast
from typing import Iterator

from ...findings import Finding, Location
from ...model.resolve import annotated_type, top_level
from ..api import ProjectContext, Rule, register


@register
class OutsideLiteralType(Rule):
    """An equality test of a field against a string its declared `Literal` type does not allow.

    What it finds:
        `param.field == "text"` (or `!=`) in a function whose parameter is annotated with a
        project class (a pydantic model, a dataclass) that declares the field as `Literal[...]`
        of strings (optionally `| None`), when the string is not one of them: `req.side ==
        "BUY"` with `side: Literal["buy", "sell"]`.

    Why it matters:
        The field can only hold the declared values (pydantic rejects anything else on input),
        so the test is always false (always true for `!=`): the branch it guards never runs. A
        buying-power check written for `"BUY"` is skipped for every buy order. It is usually a
        spelling or case slip of one of the declared values.

    Example:
        class OrderRequest(BaseModel):
            side: Literal["buy", "sell"]

        if req.side == "BUY":
            check_buying_power(req)

    Instead:
        Compare with a declared value (`req.side == "buy"`), or declare the value if it is new.
    """

    id = "RA716"
    name = "outside-literal-type"
    category = "logic-error"
    severity = "HIGH"
    scope = "project"
    base_effort = 0.25

    def check(self, ctx: ProjectContext) -> Iterator[Finding]:
        model = ctx.model
        for _fq, facts, func in model.iter_functions():
            for test in func.extra.get("literal_tests", ()):
                found = model.resolver.type_of_name(facts, func, test["name"])
                if not found or found[0] != "instance" or found[1] not in model.classes:
                    continue
                if _declared_union(model, facts, func, test["name"]):
                    continue  # `spec: A | B`: the model reads the first member, the field may be B's
                cls = model.classes[found[1]][1]
                allowed = literal_strings(cls.annotations.get(test["attr"], ""))
                if allowed and test["value"] not in allowed:
                    yield self._finding(facts.path, func.qualname, test, cls.qualname, allowed)

    def _finding(self, path: str, where: str, test: dict, owner: str, allowed: list[str]) -> Finding:
        field = f"{test['name']}.{test['attr']}"
        declared = ", ".join(f'"{v}"' for v in allowed)
        fixed = "false" if test["eq"] else "true"
        near = next((v for v in allowed if v.lower() == test["value"].lower()), "")
        hint = f' (it differs from the declared "{near}" only in case)' if near else ""
        return self.finding(
            Location(path, test["line"], test["end"]),
            f'`{field}` is compared with "{test["value"]}", which its `Literal` type never holds',
            f'In `{where}`, `{field}` is declared on `{owner}` as `Literal[{declared}]`, so it never equals '
            f'"{test["value"]}"{hint}: the test is always {fixed} and the branch it decides never does what it '
            f"was written for.",
            recommendation=f"Compare with one of the declared values ({declared}).")


def _declared_union(model, facts, func, name: str) -> bool:
    """Whether the parameter `name` is declared as a union of several classes, written in the
    signature or behind a module alias (`Spec = Annotated[HttpSpec | StdioSpec, Field(...)]`,
    also imported): its value is any member, and each may declare the field differently."""
    param = next((p for p in func.params if p.name == name), None)
    annotation = param.annotation if param is not None else ""
    for _ in range(4):  # an alias of an alias, a few hops at most
        annotation = annotated_type(annotation.strip().strip("'\""))
        parts = [p for p in top_level(annotation, "|") if p.strip() != "None"]
        if len(parts) > 1:
            return True
        if not annotation.isidentifier():
            return False
        facts, annotation = _alias(model, facts, annotation)
    return False


def _alias(model, facts, name: str):
    """(module, the annotation a module-level alias `name` stands for), "" when it is none."""
    assign = facts.assigns.get(name)
    if assign is None:
        binding = model.bindings.get(facts.module, {}).get(name)
        module, _, attr = binding.target.rpartition(".") if binding is not None else ("", "", "")
        facts = model.modules.get(module, facts)
        assign = facts.assigns.get(attr) if module in model.modules else None
    value = assign.value if assign is not None else None
    return facts, str(value["ann"]) if isinstance(value, dict) and value.get("ann") else ""


def literal_strings(annotation: str) -> list[str]:
    """The strings a `Literal[...]` annotation (optionally `| None` / `Optional[...]`) allows;
    [] when any part of it is not such a literal."""
    try:
        node = ast.parse(annotation.strip().strip("'\""), mode="eval").body
    except SyntaxError:
        return []
    values: list[str] = []
    for part in _union_parts(node):
        if type(part) is ast.Constant and part.value is None:
            continue
        if not (type(part) is ast.Subscript and _named(part.value, "Literal")):
            return []
        items = part.slice.elts if type(part.slice) is ast.Tuple else [part.slice]
        if not all(type(i) is ast.Constant and isinstance(i.value, str) for i in items):
            return []
        values += [i.value for i in items]  # type: ignore[attr-defined]
    return values


def _union_parts(node: ast.expr) -> list[ast.expr]:
    if type(node) is ast.BinOp and type(node.op) is ast.BitOr:
        return _union_parts(node.left) + _union_parts(node.right)
    if type(node) is ast.Subscript and (_named(node.value, "Optional") or _named(node.value, "Union")):
        inner = node.slice.elts if type(node.slice) is ast.Tuple else [node.slice]
        return [p for item in inner for p in _union_parts(item)]
    return [node]


def _named(node: ast.expr, name: str) -> bool:
    return (type(node) is ast.Name and node.id == name) or (type(node) is ast.Attribute and node.attr == name)
