"""Equality tests of a typed parameter's field against a string.

`extra["literal_tests"]` of a function lists `req.side == "BUY"` / `"buy" != order.side` where
`req` is an annotated parameter: [{"name", "attr", "value", "eq" (`==` or `!=`), "line", "end"}].
Whether the field's declared type (`side: Literal["buy", "sell"]`) can hold that string is a
project question: the parameter's class is resolved by the model.
"""
from __future__ import annotations

import ast
from typing import Any

from .types import FunctionFacts

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def annotate(node: ast.FunctionDef | ast.AsyncFunctionDef, func: FunctionFacts) -> None:
    """Fill `extra["literal_tests"]` (see the module) for the function's own comparisons."""
    typed = {p.name for p in func.params if p.annotation and p.name not in ("self", "cls")}
    if not typed:
        return
    found: list[dict[str, Any]] = []
    stack: list[ast.AST] = list(node.body)
    while stack:
        current = stack.pop()
        if type(current) is ast.Compare:
            test = _field_test(current, typed)
            if test is not None:
                found.append(test)
        stack.extend(child for child in ast.iter_child_nodes(current) if not isinstance(child, _NESTED))
    if found:
        func.extra["literal_tests"] = sorted(found, key=lambda t: t["line"])


def _field_test(node: ast.Compare, typed: set[str]) -> dict[str, Any] | None:
    """`param.attr == "text"` (either side, `==` or `!=`), one comparison."""
    if len(node.ops) != 1 or type(node.ops[0]) not in (ast.Eq, ast.NotEq):
        return None
    for field, text in ((node.left, node.comparators[0]), (node.comparators[0], node.left)):
        if type(field) is ast.Attribute and type(field.value) is ast.Name and field.value.id in typed \
                and type(text) is ast.Constant and isinstance(text.value, str):
            return {"name": field.value.id, "attr": field.attr, "value": text.value,
                    "eq": type(node.ops[0]) is ast.Eq, "line": node.lineno, "end": node.end_lineno or node.lineno}
    return None
