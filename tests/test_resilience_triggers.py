"""Work handed over inside a process: callables injected through constructors, in-process
queues between requests and workers, and jobs started through a restarting wrapper (exact
sets on small rule-case projects)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from reassess.facts.walkers.loops import _ends_on_success
from reassess.model.resilience.tasks import workers
from reassess.model.resilience.triggers import injected_calls, queue_workers, request_driven
from test_app_model import build_model

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="module")
def feed():
    return build_model(CASES / "horizontal-scaling-blocker@shared-state")


@pytest.fixture(scope="module")
def ops():
    return build_model(CASES / "worker-coordination@supervised")


def test_queue_hops_make_worker_code_request_driven(feed):
    assert set(queue_workers(feed)) == {"feed.live.FeedHub.fan_out"}
    driven = request_driven(feed)
    assert driven["feed.live.FeedHub.push"] == "POST /posts, then the queue at feed/live.py:14"
    assert "feed.live.AnnouncementHub.broadcast" not in driven  # fed by Redis pub/sub, not by a request


def test_callables_injected_through_constructors(tmp_path):
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "pipeline.py").write_text(
        "class Pipeline:\n"
        "    def __init__(self, on_batch, size: int = 10) -> None:\n"
        "        self._on_batch = on_batch\n"
        "        self._size = size\n\n"
        "    async def flush(self, batch: list) -> None:\n"
        "        await self._on_batch(batch)\n\n\n"
        "class Alerts:\n"
        "    async def evaluate(self, batch: list) -> None:\n"
        "        return None\n\n\n"
        "def build() -> Pipeline:\n"
        "    alerts = Alerts()\n"
        "    return Pipeline(alerts.evaluate, size=5)\n"
    )
    model = build_model(tmp_path)
    assert injected_calls(model) == {"app.pipeline.Pipeline.flush": {"app.pipeline.Alerts.evaluate"}}


def test_callables_handed_to_a_method_that_calls_them(tmp_path):
    """A method's `self` takes no argument: the callable passed first lands in `factory`."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "runner.py").write_text(
        "class Runner:\n"
        "    async def supervise(self, factory, name: str) -> None:\n"
        "        await factory()\n\n"
        "    async def log(self, name, factory) -> None:\n"
        "        await factory()\n\n\n"
        "async def dispatch() -> None:\n"
        "    return None\n\n\n"
        "async def start(runner: Runner) -> None:\n"
        "    await runner.supervise(dispatch, 'sms')\n"
        "    await runner.log(dispatch, 'sms')\n"
    )
    model = build_model(tmp_path)
    assert injected_calls(model) == {"app.runner.Runner.supervise": {"app.runner.dispatch"}}


def test_jobs_started_through_a_restarting_wrapper(ops):
    started = {(e.function, e.started_at[1], e.details.get("supervised_by", "")) for e in ops.app.of_kind("worker")}
    assert started == {
        ("ops.jobs.Purger.run", 26, "ops.supervisor.supervise"),
        ("ops.jobs.UsageExporter.run", 27, "ops.supervisor.supervise"),
        ("ops.jobs.Reindexer.run", 28, "ops.supervisor.supervise"),
        ("ops.jobs.Rollup.run", 29, "ops.supervisor.supervise"),
        ("ops.jobs.Forwarder.run", 30, "ops.supervisor.supervise"),
    }
    assert all(w.supervised == "restarted by `supervise`" for w in workers(ops))


def test_a_silent_skip_in_a_background_job_is_no_broad_except_finding() -> None:
    """The broad-except finding yields to the system rule's judgement; the swallowed exception is
    still named, for the code-review report."""
    from conftest import assess

    root = Path(__file__).parent / "cases" / "logging-gap@broad-skip"
    at_line = [f for f in assess(root).findings if f.location.path == "billing/jobs.py"
               and f.location.start_line == 25]
    assert sorted((f.rule, f.category) for f in at_line) == [("RA102", "swallowed-exception"),
                                                             ("RA603", "logging-gap")]


@pytest.mark.parametrize("source, ends", [
    ("while not stop.is_set():\n    for job in jobs:\n        if job.done:\n            break\n", False),
    ("while not stop.is_set():\n    try:\n        send()\n        break\n    except OSError:\n        pass\n", True),
    ("while True:\n    match reply:\n        case 'ok':\n            break\n", True),
    ("while pending:\n    for job in pending:\n        return job\n", True),
])
def test_a_service_loop_ends_on_success_only_by_its_own_exit(source: str, ends: bool) -> None:
    """A retry loop ends when the attempt succeeds; a loop serving until shut down does not,
    and a `break` of a loop nested in it is that loop's own."""
    assert _ends_on_success(ast.parse(source).body[0]) is ends


_MIRROR = (
    "import asyncio\n"
    "from contextlib import asynccontextmanager\n\n"
    "import httpx\n"
    "from fastapi import FastAPI\n\n\n"
    "class FeedUnavailable(Exception):\n"
    "    pass\n\n\n"
    "async def fetch_feed(url: str) -> bytes:\n"
    "    async with httpx.AsyncClient() as client:\n"
    "        response = await client.get(url)\n"
    "    if response.status_code >= 400:\n"
    "        raise FeedUnavailable(url)\n"
    "    return response.content\n\n\n"
    "async def store(url: str, kind: str) -> None:\n"
    "    return None\n\n\n"
    "async def mirror(urls: list[str]) -> None:\n"
    "    while True:\n"
    "        for url in urls:\n"
    "            kind = 'feed'\n"
    "            try:\n"
    "                await fetch_feed(url)\n"
    "            except FeedUnavailable:\n"
    "{handler}"
    "            await store(url, kind)\n"
    "        await asyncio.sleep(60)\n\n\n"
    "@asynccontextmanager\n"
    "async def lifespan(app):\n"
    "    task = asyncio.create_task(mirror(['https://feeds.example/a']))\n"
    "    yield\n"
    "    task.cancel()\n\n\n"
    "app = FastAPI(lifespan=lifespan)\n")


@pytest.mark.parametrize("handler, fires", [
    ("                continue\n", True),
    # a flag read further down marks the failure, it is no result of its own
    ("                kind = ''\n", True),
    # the exception picks another outcome the job goes on with: nothing was dropped
    ("                kind = 'gone'\n", False),
    ("                kind = url.rsplit('/', 1)[-1]\n", False),
])
def test_a_handler_answering_with_its_own_result_skips_nothing(tmp_path: Path, handler: str, fires: bool) -> None:
    """RA603 is about a failure dropped: a handler that binds a value of its own which the job
    then uses took another path (the exception was a signal), whatever the exception is called."""
    from conftest import assess

    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "main.py").write_text(_MIRROR.format(handler=handler))
    found = [f for f in assess(tmp_path).findings if f.rule == "RA603"]
    assert bool(found) == fires, [f.title for f in found]
