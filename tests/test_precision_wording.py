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


def test_eval_of_annotation_text_is_low_and_points_to_get_type_hints() -> None:
    """Text read from the code's own annotations is not input: LOW, and `typing.get_type_hints`
    advised; an `eval` of request data beside it keeps the computed-text wording."""
    result = assess(CASES / "unsafe-conversion@annotation-text")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA859"}
    annotations = found[13]
    assert annotations.severity == "LOW" and "get_type_hints" in annotations.recommendation
    assert [r.start_line for r in annotations.related_locations] == [17]
    assert found[27].severity != "LOW" and "annotation" not in found[27].title
    assert found[41].severity == "MEDIUM" and "annotation" not in found[41].title  # a parameter named so


def test_module_latches_are_one_low_finding_and_a_read_back_counter_stays_medium() -> None:
    """Flags and tallies a module sets to constants and never returns: one LOW finding citing the
    first, the others related; a counter a route returns stays MEDIUM and alone."""
    result = assess(CASES / "global-mutable-state@notice-latches")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA501"}
    latches = found[6]
    assert latches.severity == "LOW" and {r.start_line for r in latches.related_locations} >= {7, 8, 9}
    assert found[10].severity == "MEDIUM" and not any(r.start_line == 6 for r in found[10].related_locations)


def test_seen_set_of_a_factory_built_object_names_the_factory() -> None:
    """A class the project builds and returns from a method is not "created nowhere": the
    description names the builder and leaves the lifetime to its callers."""
    result = assess(CASES / "unbounded-cache@seen-set-owner-unknown")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA233"}
    built = next(f for f in found.values() if "seen_row_ids" in f.title)
    assert "built by `Store.begin_batch`" in built.description and "Nothing in the project" not in built.description
    crawler = next(f for f in found.values() if "seen_page_ids" in f.title)
    assert "Nothing in the project shows where it is created" in crawler.description


def test_unbounded_connect_waits_for_the_kernel_not_for_ever() -> None:
    """An unanswered connect ends when the kernel's SYN retries give up; a read of a reply
    that never comes has no such end."""
    result = assess(CASES / "missing-timeout@stream-exchange")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA403"}
    assert "SYN retries" in found[33].description and "for ever" not in found[33].description
    assert "for ever" in found[17].description


_BATCH_WORKER = (
    "import asyncio\n"
    "import time\n"
    "from contextlib import asynccontextmanager\n\n"
    "import httpx\n"
    "from fastapi import FastAPI\n"
    "from prometheus_client import Gauge, Histogram\n\n"
    "WAIT = Histogram('audit_wait_ms', 'wait', ['queue'])\n"
    "DEPTH = Gauge('audit_depth', 'depth', ['queue'])\n"
    "pending: asyncio.Queue = asyncio.Queue()\n\n\n"
    "async def take_batch(queue: asyncio.Queue, size: int, wait: float) -> list:\n"
    "    batch = []\n"
    "    began = time.perf_counter()\n\n"
    "    async def fill() -> None:\n"
    "        while len(batch) < size:\n"
    "            batch.append(await queue.get())\n\n"
    "    try:\n"
    "        await asyncio.wait_for(fill(), timeout=wait)\n"
    "    except asyncio.TimeoutError:\n"
    "        pass\n"
    "    except Exception:\n"
    "        DEPTH.labels(queue='audit-errors').inc()\n"
    "    finally:\n"
    "        WAIT.labels(queue='audit').observe(time.perf_counter() - began)\n"
    "        DEPTH.labels(queue='audit').set(queue.qsize())\n"
    "    return batch\n\n\n"
    "async def ship(batch: list) -> None:\n"
    "    async with httpx.AsyncClient(timeout=5) as client:\n"
    "        await client.post('https://audit.example/batch', json=batch)\n\n\n"
    "async def drain() -> None:\n"
    "    while True:\n"
    "        batch = await take_batch(pending, 50, 2.0)\n"
    "        if not batch:\n"
    "            continue\n"
    "        try:\n"
    "            await ship(batch)\n"
    "        except Exception:\n"
    "            pass\n\n\n"
    "async def drain_unguarded() -> None:\n"
    "    while True:\n"
    "        batch = await take_batch(pending, 50, 2.0)\n"
    "        await ship(batch)\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app: FastAPI):\n"
    "    keep = [asyncio.create_task(drain()), asyncio.create_task(drain_unguarded())]\n"
    "    yield\n"
    "    for task in keep:\n"
    "        task.cancel()\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n"
)


def test_batch_helper_that_ends_its_own_failures_does_not_kill_the_worker(tmp_path: Path) -> None:
    """A helper whose only fallible await sits in a try ending any `Exception`, with clock readings
    and in-memory metric updates (a gauge's `labels(...).set(...)`) around it, cannot end the loop,
    and its bounded queue take is the loop's pause; the unguarded network call beside it still
    ends the other loop."""
    (tmp_path / "audit").mkdir()
    (tmp_path / "audit" / "__init__.py").write_text("")
    (tmp_path / "audit" / "worker.py").write_text(_BATCH_WORKER)
    result = assess(tmp_path)
    found = [f for f in result.findings if f.rule == "RA420"]
    assert [f.title for f in found] == ["drain_unguarded stops for good on its first error"]
    assert "`ship()`" in found[0].description and "take_batch" not in found[0].description
    # the take under `wait_for(fill(), timeout=...)` paces `drain`: a failed ship waits for the next batch
    assert not [f for f in result.findings if f.rule == "RA421"]


def test_worker_whose_outer_handler_logs_is_not_said_to_fail_unseen() -> None:
    result = assess(CASES / "no-recovery@logged-outside-loop")
    found = {f.title.split(" ")[0]: f.description for f in result.findings if f.rule == "RA420"}
    assert "logs the error" in found["Watcher.watch"] and "stays in the Task" not in found["Watcher.watch"]
    assert "stays in the Task" in found["Watcher.tail"]


def test_loopback_connect_is_low_and_its_read_stays_high() -> None:
    result = assess(CASES / "missing-timeout@loopback-connect")
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA403"}
    assert found[13].severity == "LOW" and "loopback" in found[13].description
    assert "SYN" not in found[13].description
    assert found[16].severity == "HIGH" and found[23].severity == "HIGH"


def test_offset_pagination_over_a_cte_names_no_table(tmp_path: Path) -> None:
    """RA211: a page read from a WITH query (rows the query builds, no stored table) is worded as
    the rows of its query, never as a table called `the table`; a page of a stored table names it."""
    app = tmp_path / "app"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "pages.py").write_text(
        "async def rule_page(db, union_sql, page_size, offset):\n"
        "    sql = f'WITH merged AS ({union_sql}) SELECT a, b FROM merged ORDER BY a LIMIT :n OFFSET :o'\n"
        "    return await db.execute(sql, {'n': page_size, 'o': offset})\n"
        "\n\n"
        "async def event_page(db, page_size, offset):\n"
        "    return await db.execute('SELECT id, body FROM events ORDER BY id LIMIT ? OFFSET ?', (page_size, offset))\n"
    )
    found = [f for f in assess(tmp_path).findings if f.rule == "RA211"]
    by_function = {f.title.rsplit(" ", 1)[-1]: f for f in found}
    assert set(by_function) == {"`pages.rule_page`", "`pages.event_page`"}, [f.title for f in found]
    cte = by_function["`pages.rule_page`"]
    assert cte.title == "OFFSET pagination in `pages.rule_page`" and "the table" not in cte.description
    assert "pages through the rows of its query" in cte.description
    assert by_function["`pages.event_page`"].title == "OFFSET pagination on `events` in `pages.event_page`"


def test_redis_client_with_only_a_connect_timeout_is_not_said_to_lack_one(tmp_path: Path) -> None:
    source = tmp_path / "relay"
    source.mkdir()
    (source / "__init__.py").write_text("")
    (source / "cache.py").write_text(
        "import redis.asyncio as aioredis\n"
        "from fastapi import FastAPI\n\n"
        "app = FastAPI()\n"
        "bounded_connect = aioredis.Redis(host='cache', socket_connect_timeout=3)\n"
        "unbounded = aioredis.Redis(host='queue')\n\n\n"
        "@app.get('/seen/{key}')\n"
        "async def seen(key: str) -> dict:\n"
        "    return {'a': await bounded_connect.get(key), 'b': await unbounded.get(key)}\n"
    )
    result = assess(source)
    found = {f.location.start_line: f for f in result.findings if f.rule == "RA401"}
    assert set(found) == {5, 6}
    assert "only `socket_connect_timeout`" in found[5].description
    assert found[5].recommendation.count("socket_connect_timeout=") == 1
    assert "nor `socket_connect_timeout`" in found[6].description
    assert "socket_timeout=5, socket_connect_timeout=2" in found[6].recommendation


def test_client_offloaded_elsewhere_is_not_said_to_be_used_only_in_threads() -> None:
    result = assess(CASES / "sync-io-in-async@offloaded-client")
    found = [f for f in result.findings if f.rule == "RA301" and "worker threads" in f.description]
    assert found
    assert all("whose other calls the project runs in worker threads" in f.description
               and "only in worker threads" not in f.description for f in found)


def test_wrapped_column_beside_an_indexed_filter_is_not_said_to_read_the_whole_table() -> None:
    result = assess(CASES / "slow-query@wrapped-beside-indexed")
    found = {f.location.start_line: f.description for f in result.findings if f.rule == "RA214"}
    assert "through the index on `folder_id`" in found[8] and "reads all of" not in found[8]
    assert "reads all of `notes`" in found[13]
