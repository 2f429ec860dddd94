"""Alert rules saved by users through the API, checked on the server."""
from __future__ import annotations

import ast

RULES: dict[str, str] = {}


def evaluate(expression: str, values: dict[str, float]) -> bool:
    tree = ast.parse(expression.strip(), mode="eval")  # parsing first does not make the text trusted
    code = compile(tree, "<rule>", "eval")
    return bool(eval(code, {"__builtins__": {}}, dict(values)))  # expect: unsafe-conversion
