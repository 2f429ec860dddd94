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

def note(node: ast.Compare, func: FunctionFacts) -> None:
    """Record one comparison of the function's own body (the extractor calls this for each
    `Compare` it visits outside lambdas) when it tests a typed parameter's field."""
    typed = {p.name for p in func.params if p.annotation and p.name not in ("self", "cls")}
    test = _field_test(node, typed) if typed else None
    if test is not None:
        func.extra.setdefault("literal_tests", []).append(test)


def finish(func: FunctionFacts) -> None:
    """Order the recorded tests by line once the function's body has been visited."""
    if "literal_tests" in func.extra:
        func.extra["literal_tests"].sort(key=lambda t: t["line"])


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
