"""Code-review metrics: exact figures on small hand-written sources, clone detection with
exact line ranges, and cyclomatic complexity cross-checked against radon."""
from __future__ import annotations

import ast
import json
import textwrap

import pytest
from radon.complexity import cc_visit
from radon.visitors import Class, Function

from reassess.config import Config
from reassess.facts.extract import extract
from reassess.metrics.clones import find_clones, varied
from reassess.metrics.compute import compute_metrics, distribution
from reassess.metrics.lines import file_line_metrics
from reassess.metrics.tokens import (
    BLANK, CODE, CONTINUATION, IMPORT, PUNCT, ROW, SIGNATURE, line_fingerprints, token_lines,
)
from reassess.model.project import ProjectModel
from reassess.source import split_lines
from reassess.worker import FileTask, analyse, init_worker


def build(sources: dict[str, str], **thresholds) -> tuple[ProjectModel, list, Config]:
    """The model of an in-memory project, analysed file by file as the pipeline does."""
    config = Config()
    config.thresholds.update(thresholds)
    init_worker(config)
    results = []
    for path, text in sorted(sources.items()):
        data = textwrap.dedent(text).encode()
        parts = path[:-3].split("/")
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        results.append(analyse(FileTask(path, module, is_package, data)))
    raw = {path: textwrap.dedent(text).encode() for path, text in sources.items()}
    model = ProjectModel([r.facts for r in results if r.facts is not None], raw)
    return model, results, config


# ----- lines ------------------------------------------------------------------------------------
def test_line_counts() -> None:
    source = textwrap.dedent('''\
        """Module docstring."""
        # a comment

        import os


        def f():  # trailing comment: still code
            return os.sep
    ''')
    metrics = file_line_metrics(split_lines(source))
    assert (metrics.lines, metrics.code, metrics.comment, metrics.blank) == (8, 4, 1, 3)


def test_line_kinds_and_shapes() -> None:
    source = textwrap.dedent('''\
        from app import (
            a,
        )
        x = call(
            "text # not a comment",
            1.5e-3,
        )
        s = """first
        second"""
        y = x or"z"  # comment
    ''').split("\n")
    lines = token_lines(source, keep_raw=True)
    assert [line.kind for line in lines[:10]] == [IMPORT, IMPORT, IMPORT, CODE, CODE, CODE, PUNCT, CODE,
                                                  CONTINUATION, CODE]
    assert lines[3].shapes == ["I", "=", "I", "("]
    assert lines[4].shapes == ["S", ","] and lines[4].raw == ['"text # not a comment"', ","]
    assert lines[5].shapes == ["N", ","]
    assert lines[9].shapes == ["I", "=", "I", "or", "S"]
    assert lines[10].kind == BLANK


def test_fingerprints_skip_imports_and_punctuation_and_keep_tails() -> None:
    source = textwrap.dedent('''\
        import os

        @decorator
        def handler(a, b):
            """Doc."""
            return call(
                a,
            )
    ''').split("\n")
    fingerprints = line_fingerprints(source, ast.parse("\n".join(source)))
    assert fingerprints["lines"] == [3, 4, 5, 6, 7]
    assert fingerprints["ends"] == [3, 4, 5, 6, 8]
    assert fingerprints["tokens"] == [2, 8, 1, 3, 2]
    assert fingerprints["flags"] == [SIGNATURE, SIGNATURE, SIGNATURE, 0, ROW]
    assert fingerprints["units"] == [3, 3, 3, 3, 3]


def test_distribution() -> None:
    assert distribution([1, 2, 3, 4, 100]) == {"mean": 22.0, "median": 3.0, "p90": 100, "max": 100}
    assert distribution([4, 2]) == {"mean": 3.0, "median": 3.0, "p90": 4, "max": 4}
    assert distribution([]) == {"mean": 0.0, "median": 0.0, "p90": 0, "max": 0}


# ----- type hints and docstrings ---------------------------------------------------------------
HINTS = {
    "pkg/__init__.py": "",
    "pkg/hints.py": '''\
        """Typed module."""
        from typing import Any

        LIMIT: dict[str, Any] = {}


        def typed(a: int, b: str = "x") -> bool:
            """Documented."""
            return bool(a)


        def untyped(a, b: int, *args, **kwargs):
            return a


        class Store:
            """Documented class."""

            cache: Any = None

            def __init__(self, pool: Any) -> None:
                self.pool = pool

            def get(self, key) -> Any:
                return key

            @staticmethod
            def parse(text: str) -> str:
                return text

            def _private(self):
                return None


        class _Hidden:
            def run(self, x: int) -> int:
                return x
    ''',
    "pkg/bare.py": '''\
        def helper(x: int) -> int:
            def inner(y):
                return y
            return inner(x)
    ''',
}


def test_type_hint_coverage() -> None:
    model, results, config = build(HINTS)
    hints = compute_metrics(model, results, config)["type_hints"]
    # parameters without self: typed a, b; untyped a, b, args, kwargs; __init__ pool; get key;
    # parse text; _private none; _Hidden.run x; helper x; inner y
    assert (hints["parameters"], hints["parameters_annotated"]) == (12, 7)
    # returns, __init__ left out: typed, untyped, get, parse, _private, run, helper, inner
    assert (hints["returns"], hints["returns_annotated"]) == (8, 5)
    # fully annotated: typed, __init__, parse, run, helper
    assert (hints["functions"], hints["functions_fully_annotated"]) == (9, 5)
    assert hints["parameters_pct"] == 58.3 and hints["returns_pct"] == 62.5
    # Any: LIMIT, Store.cache, __init__'s pool, get's return
    assert hints["any_count"] == 4


def test_docstring_coverage() -> None:
    model, results, config = build(HINTS)
    docs = compute_metrics(model, results, config)["docstrings"]
    assert docs["modules"] == {"count": 2, "documented": 1, "pct": 50.0}  # the empty __init__ is left out
    assert docs["classes"] == {"count": 1, "documented": 1, "pct": 100.0}  # _Hidden is private
    # public, not nested: typed, untyped, Store.get, Store.parse, helper
    assert docs["public_functions"] == {"count": 5, "documented": 1, "pct": 20.0}


def test_function_and_class_figures() -> None:
    model, results, config = build(HINTS)
    metrics = compute_metrics(model, results, config)
    functions = metrics["functions"]
    assert functions["count"] == 9 and functions["methods"] == 5
    assert functions["longest"][0] == {"function": "pkg.bare.helper", "location": "pkg/bare.py:1", "lines": 4}
    classes = metrics["classes"]
    assert classes["largest"][0] == {"class": "pkg.hints.Store", "location": "pkg/hints.py:16", "methods": 4,
                                     "lines": 17}
    assert metrics["files"]["largest"][0] == {"path": "pkg/hints.py", "lines": 37, "code": 23}
    json.dumps(metrics)  # JSON-serialisable


# ----- clones -----------------------------------------------------------------------------------
ORDERS = '''\
    import logging

    logger = logging.getLogger(__name__)


    async def sync_orders(client, store, since):
        page = await client.get("/orders", params={"since": since})
        rows = page.json()["items"]
        for row in rows:
            if row["status"] == "cancelled":
                continue
            await store.upsert("orders", row["id"], row)
        logger.info("synced %d orders", len(rows))
        return len(rows)
'''
ALERTS = '''\
    import logging

    logger = logging.getLogger(__name__)


    def unrelated(value):
        return value * 2


    async def sync_alerts(api, db, cutoff):
        response = await api.get("/alerts", params={"since": cutoff})
        items = response.json()["items"]
        for item in items:
            if item["status"] == "deleted":
                continue
            await db.upsert("alerts", item["id"], item)
        logger.info("synced %d alerts", len(items))
        return len(items)
'''


def test_clone_pair_across_files_with_exact_ranges() -> None:
    model, _, _ = build({"app/orders.py": ORDERS, "app/alerts.py": ALERTS}, duplicate_min_tokens=40)
    index = find_clones(model, 6, 40)
    assert [(c.a.text(), c.b.text(), c.lines) for c in index.pairs] == [
        ("app/alerts.py:10-18", "app/orders.py:6-14", 9)]
    assert [[s.text() for s in g.copies] for g in index.groups] == [["app/alerts.py:10-18", "app/orders.py:6-14"]]


def test_clones_are_computed_once_per_model() -> None:
    model, _, _ = build({"app/orders.py": ORDERS, "app/alerts.py": ALERTS})
    assert find_clones(model, 6, 40) is find_clones(model, 6, 40)


def test_duplication_metrics() -> None:
    model, results, config = build({"app/orders.py": ORDERS, "app/alerts.py": ALERTS}, duplicate_min_tokens=40)
    dup = compute_metrics(model, results, config)["duplication"]
    assert dup["clone_pairs"] == [{"lines": 9, "tokens": dup["clone_pairs"][0]["tokens"],
                                   "first": "app/alerts.py:10-18", "second": "app/orders.py:6-14"}]
    assert dup["duplicated_lines"] == 18 and dup["code_lines"] == 24
    assert dup["duplicated_lines_pct"] == 75.0


def test_min_tokens_applies_to_the_whole_clone() -> None:
    model, _, _ = build({"app/orders.py": ORDERS, "app/alerts.py": ALERTS})
    assert find_clones(model, 6, 200).pairs == []


SAME_FILE = '''\
    class Archiver:
        def __init__(self, pool):
            self.pool = pool
            self.total = self.runs = 0

        async def archive_orders(self, cutoff):
            async with self.pool.acquire() as conn:
                status = await conn.execute("DELETE FROM orders WHERE day < $1", cutoff)
            moved = int(status.split()[-1])
            self.total += moved
            self.runs += 1
            if moved:
                print("archived", moved, "orders")
            else:
                print("nothing to archive")
            return moved

        async def archive_alerts(self, cutoff):
            async with self.pool.acquire() as conn:
                status = await conn.execute("DELETE FROM alerts WHERE day < $1", cutoff)
            moved = int(status.split()[-1])
            self.total += moved
            self.runs += 1
            if moved > 0:
                print("archived", moved, "alerts")
            else:
                print("nothing to archive")
            return moved
'''


def test_clone_within_a_file_bridges_one_differing_line() -> None:
    model, _, _ = build({"app/archive.py": SAME_FILE})
    pairs = find_clones(model, 6, 40).pairs
    assert [(c.a.text(), c.b.text(), c.lines, c.gaps) for c in pairs] == [
        ("app/archive.py:6-16", "app/archive.py:18-28", 10, 1)]


TRIVIAL = '''\
    class Settings:
        def __init__(self, host, port, user, password, database, timeout, retries, pool_size):
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.timeout = timeout
            self.retries = retries
            self.pool_size = pool_size


    class Options:
        def __init__(self, host, port, user, password, database, timeout, retries, pool_size):
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.timeout = timeout
            self.retries = retries
            self.pool_size = pool_size


    LEFT = {
        "alpha": make("alpha", 1, retries=3),
        "beta": make("beta", 2, retries=3),
        "gamma": make("gamma", 3, retries=3),
        "delta": make("delta", 4, retries=3),
        "epsilon": make("epsilon", 5, retries=3),
        "zeta": make("zeta", 6, retries=3),
    }
    RIGHT = {
        "one": make("one", 1, retries=5),
        "two": make("two", 2, retries=5),
        "three": make("three", 3, retries=5),
        "four": make("four", 4, retries=5),
        "five": make("five", 5, retries=5),
        "six": make("six", 6, retries=5),
    }
'''


def test_trivially_repetitive_shapes_are_not_clones() -> None:
    model, _, _ = build({"app/settings.py": TRIVIAL})
    assert find_clones(model, 6, 10).pairs == []
    assert not varied([1, 1, 1, 1, 2, 3], [0] * 6)  # one shape on more than half of the lines
    assert not varied([1, 2, 1, 2, 1, 2], [0] * 6)  # two shapes only
    assert not varied([1, 2, 3, 4, 5, 6], [ROW] * 4 + [0, 0])  # mostly rows
    assert varied([1, 2, 3, 4, 5, 6], [0] * 6)


def test_clone_detection_stays_linear_on_generated_code() -> None:
    """1,200 functions of one shape in 30 files: one group, each copy paired once with the first."""
    body = "".join(f'''
    def handler_{n}(request, store):
        item = store.get(request["id"])
        if item is None:
            raise KeyError(request["id"])
        item["seen"] = item.get("seen", 0) + 1
        store.put(request["id"], item)
        return item
''' for n in range(40))
    model, _, _ = build({f"app/h{n}.py": body for n in range(30)})
    index = find_clones(model, 6, 50)
    assert [len(group.copies) for group in index.groups] == [40 * 30]
    assert len(index.pairs) == 40 * 30 - 1
    assert index.groups[0].copies[:2] == [index.pairs[0].a, index.pairs[0].b]


# ----- cyclomatic complexity against radon -------------------------------------------------------
RADON_MODULES = [
    '''\
    import asyncio


    async def poll(client, symbols, stop):
        """Loops, try/except/else/finally, async with and boolean operators."""
        results = {}
        while not stop.is_set():
            for symbol in symbols:
                try:
                    async with client.session() as session:
                        quote = await session.get(symbol)
                except (TimeoutError, ConnectionError):
                    continue
                except ValueError as exc:
                    if exc.args and exc.args[0] == "halted" or symbol.startswith("TEST"):
                        break
                else:
                    results[symbol] = quote
                finally:
                    await asyncio.sleep(0)
            else:
                stop.set()
        return results


    def classify(values, limit=10):
        """Comprehensions with several ifs and fors, lambdas, conditional expressions, asserts."""
        assert values, "no values"
        assert limit > 0 and limit < 100
        evens = [v for v in values if v % 2 == 0 if v > 0]
        pairs = {(a, b) for a in values for b in values if a < b}
        key = lambda v: "big" if v > limit else "small"
        groups = {key(v): v for v in values}
        flag = any(v > limit for v in values) or not evens
        return evens, pairs, groups, flag
    ''',
    '''\
    def route(command, payload):
        """match with and without a wildcard, nested functions and closures."""
        def validate(data):
            if not data:
                return False
            return all(isinstance(k, str) for k in data)

        def apply(data):
            def inner(x):
                return x if x is not None else 0
            return [inner(v) for v in data.values()]

        match command:
            case "create" | "new":
                action = "create"
            case {"kind": kind} if kind == "bulk":
                action = "bulk"
            case [first, *rest]:
                action = first
            case _:
                action = None
        match payload:
            case {"id": 1}:
                pass
            case str():
                pass
        if validate(payload) and action:
            return apply(payload)
        return None


    class Service:
        """Methods, properties, static and class methods, a nested class."""

        def __init__(self, store):
            self.store = store

        @property
        def ready(self):
            return self.store is not None and self.store.ok

        @staticmethod
        def parse(text):
            try:
                return int(text)
            except ValueError:
                return None

        @classmethod
        def create(cls, store=None):
            return cls(store or {})

        class Config:
            def load(self, path):
                with open(path) as handle:
                    return [line for line in handle if line.strip() and not line.startswith("#")]

        async def run(self, items):
            count = 0
            async for item in items:
                while item and count < 10:
                    count += 1
                    item = item.next if hasattr(item, "next") else None
            return count
    ''',
    '''\
    def walrus_and_generators(rows):
        total = 0
        if (n := len(rows)) > 10:
            total = sum(r for r in rows if r)
        elif n > 5:
            total = max((r for r in rows), default=0)
        elif n:
            total = min(rows)
        for i, row in enumerate(rows):
            if i and row == rows[i - 1] or row is None and i > 0:
                total -= 1
        return total


    def empty():
        pass


    def only_wildcard(value):
        match value:
            case _:
                return value
    ''',
]


def _radon_functions(blocks) -> dict[tuple[str, int], int]:
    """Every function radon measures (methods, closures, nested classes' methods), by (name, line)."""
    found: dict[tuple[str, int], int] = {}
    stack = list(blocks)
    while stack:
        block = stack.pop()
        if isinstance(block, Class):
            stack.extend(block.methods)
            stack.extend(block.inner_classes)
        elif isinstance(block, Function):
            found[(block.name, block.lineno)] = block.complexity
            stack.extend(block.closures)
    return found


@pytest.mark.parametrize("source", RADON_MODULES, ids=["loops-try", "match-closures-class", "walrus-elif"])
def test_cyclomatic_complexity_matches_radon(source: str) -> None:
    code = textwrap.dedent(source)
    ours = {(f.name, f.line): f.complexity for f in extract(ast.parse(code), "m.py", "m", False).functions.values()}
    theirs = _radon_functions(cc_visit(code))
    assert ours == theirs
