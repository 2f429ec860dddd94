"""Cyclomatic (radon-compatible) and cognitive complexity of one function."""
from __future__ import annotations

import ast

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def cyclomatic_complexity(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """McCabe complexity counted as radon does: nested functions and classes count apart."""
    total = 1
    stack: list[ast.AST] = list(func.body)
    while stack:
        node = stack.pop()
        if isinstance(node, _FUNCS):
            continue
        if isinstance(node, ast.Assert):
            total += 1
            continue
        if isinstance(node, (ast.Try, ast.TryStar)):
            total += len(node.handlers) + bool(node.orelse)
        elif isinstance(node, ast.BoolOp):
            total += len(node.values) - 1
        elif isinstance(node, (ast.If, ast.IfExp)):
            total += 1
        elif isinstance(node, ast.Match):
            wildcard = any(getattr(case.pattern, "pattern", False) is None for case in node.cases)
            total += max(0, len(node.cases) - wildcard)
        elif isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
            total += bool(node.orelse) + 1
        elif isinstance(node, ast.comprehension):
            total += len(node.ifs) + 1
        stack.extend(ast.iter_child_nodes(node))
    return total


_NESTING = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.ExceptHandler, ast.Match, ast.IfExp)


def cognitive_complexity(func: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """SonarSource cognitive complexity: structures cost 1 + nesting; elif/else, jumps and
    boolean-operator sequences cost 1; nested functions raise the nesting level."""
    total = 0
    stack: list[tuple[ast.AST, int]] = [(child, 0) for child in func.body]
    while stack:
        node, nesting = stack.pop()
        if isinstance(node, ast.ClassDef):
            continue
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            body = node.body if isinstance(node.body, list) else [node.body]
            stack.extend((child, nesting + 1) for child in body)
            continue
        if isinstance(node, ast.If):
            total += 1 + nesting
            stack.append((node.test, nesting))
            stack.extend((child, nesting + 1) for child in node.body)
            orelse = node.orelse
            while len(orelse) == 1 and isinstance(orelse[0], ast.If):  # elif chain
                total += 1
                stack.append((orelse[0].test, nesting))
                stack.extend((child, nesting + 1) for child in orelse[0].body)
                orelse = orelse[0].orelse
            if orelse:
                total += 1
                stack.extend((child, nesting + 1) for child in orelse)
            continue
        if isinstance(node, _NESTING):
            total += 1 + nesting
            stack.extend((child, nesting + 1) for child in ast.iter_child_nodes(node))
            continue
        if isinstance(node, ast.BoolOp):
            total += 1
            # a run of the same operator counts once
            stack.extend((child, nesting) for child in node.values
                         if not (isinstance(child, ast.BoolOp) and type(child.op) is type(node.op)))
            stack.extend((grand, nesting) for child in node.values
                         if isinstance(child, ast.BoolOp) and type(child.op) is type(node.op)
                         for grand in child.values)
            continue
        if isinstance(node, (ast.Break, ast.Continue)):
            total += 1
        stack.extend((child, nesting) for child in ast.iter_child_nodes(node))
    return total
