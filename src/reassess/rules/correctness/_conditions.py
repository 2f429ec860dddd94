"""Shared helpers of the logic-error rules: boolean contexts, pure expressions, source text.

The logic-error rules only report what the code proves on its own terms, so they need to
know which expressions are evaluated for truth, which expressions evaluate the same way
twice (no call, await or assignment inside), and the exact source text to quote back.
"""
from __future__ import annotations

import ast
from typing import Any, Iterator

from ...facts.visitor import child_nodes

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Nodes whose evaluation may differ between two occurrences, or that bind names.
_IMPURE = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr, ast.Lambda,
           ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
Func = ast.FunctionDef | ast.AsyncFunctionDef


# The walk of the tree being analysed, shared by the logic-error rules (kept for that tree, then dropped).
_walked: dict[str, Any] = {"tree": None, "nodes": []}
# The only nodes the logic-error rules ask about (tests, comparisons, assertions), and the nodes
# that hold none of them below.
_ASKED = (ast.If, ast.While, ast.IfExp, ast.Assert, ast.comprehension, ast.Compare)
_BARE = (ast.Name, ast.Constant)


def nodes_with_function(tree: ast.AST) -> list[tuple[ast.AST, Func | None]]:
    """Every test, comparison and assertion node (if/while/ternary/assert/comprehension/compare)
    once, parents before children, with its innermost enclosing function (None at module/class
    level); walked once per tree for all the rules asking."""
    if _walked["tree"] is not tree:
        found: list[tuple[ast.AST, Func | None]] = []
        stack: list[tuple[ast.AST, Func | None]] = [(tree, None)]
        while stack:
            node, func = stack.pop()
            if isinstance(node, _ASKED):
                found.append((node, func))
            inner = node if isinstance(node, _FUNCS) else func
            stack.extend((child, inner) for child in child_nodes(node) if not isinstance(child, _BARE))
        _walked["tree"], _walked["nodes"] = tree, found
    return _walked["nodes"]


def boolean_tests(tree: ast.AST) -> Iterator[tuple[ast.expr, Func | None]]:
    """Expressions evaluated only for their truth (if/while/assert/ternary/comprehension tests),
    and the `and`/`or`/`not` operands inside them."""
    for node, func in nodes_with_function(tree):
        tests: list[ast.expr] = []
        if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            tests.append(node.test)
        elif isinstance(node, ast.comprehension):
            tests.extend(node.ifs)
        for test in tests:
            yield from _truth_operands(test, func)


def _truth_operands(test: ast.expr, func: Func | None) -> Iterator[tuple[ast.expr, Func | None]]:
    yield test, func
    if isinstance(test, ast.BoolOp):
        for value in test.values:
            yield from _truth_operands(value, func)
    elif isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        yield from _truth_operands(test.operand, func)


def is_pure(node: ast.AST) -> bool:
    """True when evaluating `node` twice must give the same result: no call, await or binding."""
    return not any(isinstance(sub, _IMPURE) for sub in ast.walk(node))


def same_expr(a: ast.AST, b: ast.AST) -> bool:
    return ast.dump(a) == ast.dump(b)


def source_of(lines: list[str], node: ast.AST) -> str:
    """The node's source text as written (quotes kept), or its unparsed form if it spans lines."""
    start, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0)
    if start and start == end and start <= len(lines):
        raw = lines[start - 1].encode("utf-8")
        return raw[node.col_offset:node.end_col_offset].decode("utf-8", errors="replace")
    return ast.unparse(node)


def replaced_line(lines: list[str], node: ast.AST, text: str) -> str:
    """The node's (single) line with the node's text replaced by `text`, stripped."""
    start, end = getattr(node, "lineno", 0), getattr(node, "end_lineno", 0)
    if not start or start != end or start > len(lines):
        return text
    raw = lines[start - 1].encode("utf-8")
    fixed = raw[:node.col_offset] + text.encode("utf-8") + raw[node.end_col_offset:]
    return fixed.decode("utf-8", errors="replace").strip()


def where(func: Func | None) -> str:
    return f"`{func.name}`" if func is not None else "module-level code"
