"""The worker's fast paths give exactly what the general code they stand in for gives: the
direct annotation text vs `ast.unparse`, the fast walks vs `ast.walk`, bytes vs text parsing,
compact pickles vs the records, and the handler walk that skips try-less functions."""
from __future__ import annotations

import ast
import pickle
import textwrap

import pytest

from reassess.config import Config
from reassess.facts.extract import extract
from reassess.facts.values import unparse
from reassess.facts.visitor import child_nodes, descendants, walk
from reassess.rules.errors import handlers
from reassess.worker import FileTask, analyse, init_worker

SOURCE = textwrap.dedent('''
    """A module with a bit of everything the workers look at."""
    import asyncio
    from typing import Any, Callable, Optional

    LIMIT: dict[str, list[int]] | None = None


    class Repo:
        def __init__(self) -> None:
            self._cache: dict[str, Any] = {}

        async def get(self, key: str, fetch: Callable[[str], Any]) -> Optional[Any]:
            try:
                return self._cache[key]
            except KeyError:
                value = await fetch(key)
                self._cache[key] = value
                return value

        def total(self, rows: list[dict[str, int]]) -> int:
            return sum(row["n"] for row in rows if row)


    async def main(repo: Repo) -> None:
        def inner() -> None:
            try:
                print(f"{LIMIT!r:>{10}}")
            except Exception as exc:
                raise RuntimeError("failed") from exc
        for key in sorted(list(LIMIT or {})):
            await asyncio.wait_for(repo.get(key, str), timeout=1)
        inner()
''')


@pytest.mark.parametrize("text", [
    "None", "int", "a.b.C", "Optional[int]", "dict[str, list[int]]", "int | None", "a | b | c",
    "a | (b | c)", "Callable[[int, str], bool]", "Callable[[], None]", "x[()]", "x[a,]", "x['a']",
    "Literal['a', \"b'\"]", "x[...]", "x[1]", "x[-1]", "x[a:b]", "x.y[z].w", "tuple[int, ...]", "(a + b) | c",
])
def test_unparse_matches_ast_unparse(text: str) -> None:
    node = ast.parse(text, mode="eval").body
    assert unparse(node) == ast.unparse(node)


def _without_contexts(nodes) -> list[ast.AST]:
    return [n for n in nodes if not isinstance(n, (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop,
                                                   ast.boolop))]


def test_fast_walks_keep_ast_walk_order_and_nodes() -> None:
    tree = ast.parse(SOURCE)
    assert walk(tree) == _without_contexts(ast.walk(tree))
    for node in ast.walk(tree):
        assert child_nodes(node) == _without_contexts(ast.iter_child_nodes(node))
    assert sorted(map(id, descendants([tree]))) == sorted(map(id, walk(tree)))


def test_bytes_and_text_parses_give_the_same_result() -> None:
    init_worker(Config())
    ascii_task = FileTask("app/mod.py", "app.mod", False, SOURCE.encode())
    cookie_task = FileTask("app/mod.py", "app.mod", False, b"# -*- coding: latin-1 -*-\n" + SOURCE.encode())
    facts = analyse(ascii_task).facts  # parsed from the bytes
    from_text = extract(ast.parse(SOURCE), "app/mod.py", "app.mod", False)
    assert facts is not None and "Repo.get" in facts.functions
    assert (facts.functions, facts.classes, facts.name_uses, facts.attr_refs) == (
        from_text.functions, from_text.classes, from_text.name_uses, from_text.attr_refs)
    assert analyse(cookie_task).facts.functions.keys() == facts.functions.keys()
    broken = analyse(FileTask("app/bad.py", "app.bad", False, b"def f(:\n    pass\n"))
    assert broken.facts is None and "syntax error" in broken.findings[0].title + broken.findings[0].description


def test_compact_pickles_round_trip_to_equal_records() -> None:
    init_worker(Config())  # installs the reducers
    result = analyse(FileTask("app/mod.py", "app.mod", False, SOURCE.encode()))
    for protocol in (2, pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(result, protocol=protocol))
        assert back == result
        assert back.facts.functions["Repo.get"].calls == result.facts.functions["Repo.get"].calls


def test_handler_walk_with_facts_skips_only_try_less_functions() -> None:
    tree = ast.parse(SOURCE)
    facts = extract(tree, "app/mod.py", "app.mod", False)
    handlers._cache = None
    plain = [(h.function, h.node.lineno, h.types, h.reraises, h.logs, h.passes_exception)
             for h in handlers.handlers_of(tree)]
    handlers._cache = None
    guided = [(h.function, h.node.lineno, h.types, h.reraises, h.logs, h.passes_exception)
              for h in handlers.handlers_of(tree, facts)]
    assert guided == plain
    assert [h[0] for h in guided] == ["Repo.get", "main.<locals>.inner"]


def test_literal_none_keywords_and_assignments_are_marked_in_the_facts() -> None:
    """`timeout=None` is told apart from an expression the literal form cannot hold (also stored
    as None), in the call's `none_kwargs` and an assignment's `is_none`, and survives a pickle."""
    init_worker(Config())
    source = textwrap.dedent("""\
        import httpx
        NO_LIMIT = None
        MAYBE = None if FLAG else 5
        TYPED: float | None = None

        def make(flag):
            a = httpx.Client(timeout=None)
            b = httpx.Client(timeout=None if flag else 5, transport=wrap(timeout=None))
            return a, b
        """)
    facts = analyse(FileTask("app/mod.py", "app.mod", False, source.encode())).facts
    a, b = [c for c in facts.functions["make"].calls if c.name == "httpx.Client"]
    inner = next(c for c in facts.functions["make"].calls if c.name == "wrap")
    assert a.none_kwargs == {"timeout"} and a.kwargs["timeout"] is None
    assert b.none_kwargs == frozenset() and b.kwargs["timeout"] is None and inner.none_kwargs == {"timeout"}
    assert facts.assigns["NO_LIMIT"].is_none and facts.assigns["TYPED"].is_none
    assert not facts.assigns["MAYBE"].is_none and facts.assigns["MAYBE"].value is None
    back = pickle.loads(pickle.dumps(facts))
    assert back.functions["make"].calls == facts.functions["make"].calls and back.assigns == facts.assigns


def test_literal_none_positions_and_double_star_names_are_marked_in_the_facts() -> None:
    """`Timeout(None)` is told apart from `Timeout(None if x else 5)` by the position in
    `none_args` (counted in `args`, which leaves starred arguments out), and each `**` argument is
    named in `star_kwargs` ("" for a mapping that is no name chain); both survive a pickle and
    stay the shared empty defaults on a call that has neither."""
    init_worker(Config())
    source = textwrap.dedent("""\
        import httpx

        def make(flag, opts, *rest, **kwargs):
            a = httpx.Timeout(None)
            b = httpx.Timeout(None if flag else 5)
            c = httpx.Timeout(*rest, 5, None, read=None)
            d = httpx.AsyncClient(**kwargs, **self.opts, **{"timeout": 5})
            e = httpx.AsyncClient(timeout=5)
            return a, b, c, d, e
        """)
    facts = analyse(FileTask("app/mod.py", "app.mod", False, source.encode())).facts
    a, b, c = [s for s in facts.functions["make"].calls if s.name == "httpx.Timeout"]
    d, e = [s for s in facts.functions["make"].calls if s.name == "httpx.AsyncClient"]
    assert a.none_args == {0} and a.args == (None,)
    assert b.none_args == frozenset() and b.args == (None,)
    assert c.none_args == {1} and c.none_kwargs == {"read"} and c.star_args and c.star_kwargs == ()
    assert d.star_args and d.star_kwargs == ("kwargs", "self.opts", "")
    assert e.none_args == frozenset() and e.star_kwargs == ()
    back = pickle.loads(pickle.dumps(facts))
    assert back.functions["make"].calls == facts.functions["make"].calls
