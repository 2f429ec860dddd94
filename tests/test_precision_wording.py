"""Wording that must stay true of the code it describes (real-backend reading): a polling
worker is not told to reconnect a stream, and an `eval` of values a project compiles from its own
syntax trees is not called a string."""
from __future__ import annotations

from pathlib import Path

from conftest import assess

CASES = Path(__file__).parent / "cases"


def test_polling_worker_is_told_to_protect_each_round() -> None:
    result = assess(CASES / "no-recovery@best-effort-record")
    found = [f for f in result.findings if f.rule == "RA420"]
    assert len(found) == 1
    assert "protect each round" in found[0].recommendation and "Reconnect" not in found[0].recommendation


def test_stream_worker_is_still_told_to_reconnect() -> None:
    result = assess(CASES / "no-recovery@stream-task")
    found = [f for f in result.findings if f.rule == "RA420"]
    assert found and all("Reconnect" in f.recommendation for f in found)


def test_eval_beside_a_tree_compiler_names_a_value_not_a_string(tmp_path: Path) -> None:
    source = tmp_path / "sieve"
    source.mkdir()
    (source / "__init__.py").write_text("")
    (source / "rules.py").write_text(
        '"""A filter language compiled from rewritten syntax trees."""\n'
        "import ast\n"
        "from fastapi import FastAPI\n\n"
        "app = FastAPI()\n\n\n"
        "class _Names(ast.NodeTransformer):\n"
        "    def visit_Name(self, node):\n"
        "        return ast.Subscript(ast.Name('row', ast.Load()), ast.Constant(node.id), ast.Load())\n\n\n"
        "class Rule:\n"
        "    def __init__(self, text: str) -> None:\n"
        "        tree = _Names().visit(ast.parse(text, mode='eval'))\n"
        "        self.code = compile(ast.fix_missing_locations(tree), '<rule>', 'eval')\n\n"
        "    def matches(self, row: dict) -> bool:\n"
        "        return bool(eval(self.code, {'__builtins__': {}}, {'row': row}))\n\n\n"
        "@app.get('/check')\n"
        "async def check(rule: str, size: int) -> dict:\n"
        "    return {'ok': Rule(rule).matches({'size': size})}\n"
    )
    found = [f for f in assess(tmp_path).findings if f.rule == "RA859"]
    assert found and "computed value" in found[0].title and "compiled from a syntax tree" in found[0].description
    assert "whitelist of node types" in found[0].recommendation
