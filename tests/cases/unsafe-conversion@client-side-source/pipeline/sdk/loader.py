"""Loads a pipeline from the user's own entrypoint file, on the user's machine or in the worker
that is about to run that same file."""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Any


def load_namespace(source: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.Assign)):
            code = compile(ast.Module(body=[node], type_ignores=[]), filename="<entrypoint>", mode="exec")
            try:
                exec(code, namespace)
            except Exception:
                continue
    return namespace


def default_values(path: str, func_name: str) -> dict[str, Any]:
    source = Path(path).read_text()
    namespace = load_namespace(source)
    func = next(n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef) and n.name == func_name)
    names = [a.arg for a in func.args.args][-len(func.args.defaults):] if func.args.defaults else []
    values = {}
    for name, default in zip(names, func.args.defaults):
        values[name] = eval(compile(ast.Expression(default), "<default>", "eval"), namespace)
    return values
