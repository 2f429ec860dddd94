"""The system overview: components and the arrows the call graph proves, flows whose every
step is a real function at a real line, inventories, the scorecard, and the markdown
renderers; plus degenerate inputs (no app at all, unparsable files)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import SAMPLE, assess
from reassess.report import system_sections
from test_app_model import PROJECTS, build_model

RENDERERS = ("component_diagram", "data_flows", "stateful_components", "single_points_of_failure",
             "timeout_inventory", "health_checks", "observability", "worker_coordination", "scorecard")


@pytest.fixture(scope="module")
def result():
    return assess(SAMPLE)


@pytest.fixture(scope="module")
def model():
    return build_model(SAMPLE)


def component(result, cid):
    return next(c for c in result.components if c["id"] == cid)


def test_components_name_what_exists(result):
    kinds = {(c["kind"], c["name"]) for c in result.components if c["kind"] not in ("route-group", "queue")}
    assert kinds == {
        ("client", "HTTP clients"), ("client", "WebSocket clients"),
        ("middleware", "CORSMiddleware"), ("middleware", "request_timing"), ("lifespan", "Lifespan / startup"),
        ("websocket", "websocket /ws/orders"), ("websocket", "websocket /ws/prices"),
        ("worker", "AlertWorker"), ("worker", "OrderCleanupWorker"), ("worker", "PricePoller"),
        ("worker", "broadcast_prices"), ("worker", "relay_order_updates"),
        ("service", "ConnectionManager"), ("service", "OrderService"), ("service", "PortfolioService"),
        ("service", "RiskEngine"), ("service", "TickerClient"), ("service", "app.dependencies"),
        ("service", "app.services.notifier"), ("data-layer", "DataManager"),
        ("database", "PostgreSQL (DATABASE_URL)"), ("cache", "Redis (REDIS_URL)"),
        ("external-service", "ticker_service"), ("external-service", "webhook"),
        ("external-service", "notify_email"),
    }
    groups = {c["details"]["prefix"]: c["details"]["routes"] for c in result.components if c["kind"] == "route-group"}
    assert groups == {"/": 2, "/api/v1/orders": 7, "/api/v1/positions": 5, "/api/v1/market": 8,
                      "/api/v1/alerts": 3, "/api/v1/admin": 9, "/api/v1/admin/alerts": 2}
    assert all(set(c) >= {"name", "kind", "paths"} for c in result.components)  # the findings.json contract


def test_arrows_are_calls_the_graph_proves(result):
    def uses(cid):
        return set(component(result, cid)["uses"])

    assert uses("data:DataManager") == {"store:PostgreSQL (DATABASE_URL)"}
    assert uses("service:TickerClient") == {"external:ticker_service"}
    assert uses("service:OrderService") == {"service:RiskEngine", "data:DataManager", "store:Redis (REDIS_URL)"}
    assert uses("worker:PricePoller") == {"service:TickerClient", "data:DataManager", "queue:app/main.py:53:51",
                                          "store:Redis (REDIS_URL)"}
    assert uses("queue:app/main.py:53:51") == {"worker:broadcast_prices"}
    assert uses("client:http") == {"middleware:request_timing@app/main.py:89"}  # registered last: outermost
    assert uses("middleware:request_timing@app/main.py:89") == {"middleware:CORSMiddleware@app/main.py:80"}
    assert "worker:AlertWorker" in uses("lifespan:app")  # asyncio.create_task(alert_worker.run())
    orders = next(c["id"] for c in result.components if c.get("details", {}).get("prefix") == "/api/v1/orders")
    assert uses(orders) == {"service:OrderService", "service:app.dependencies", "service:app.services.notifier",
                            "data:DataManager"}


def test_every_flow_step_is_a_real_function_at_a_real_line(result, model):
    flows = result.system["flows"]
    assert flows
    for flow in flows:
        for step in flow["steps"]:
            if "queue" in step:
                assert "Queue" in model.line_text(step["path"], step["line"])
                continue
            facts, func = model.functions[step["function"]]
            assert (facts.path, func.line) == (step["path"], step["line"])
            if step.get("call_line"):
                assert func.line <= step["call_line"] <= func.end_line
                assert "(" in model.line_text(facts.path, step["call_line"])
        sink = flow["sink"]
        if sink:
            last = model.functions[flow["steps"][-1]["function"]][1]
            assert last.line <= sink["line"] <= last.end_line


def test_main_flows(result):
    by_name = {}
    for flow in result.system["flows"]:
        by_name.setdefault(flow["name"], []).append(flow)
    [submit] = [f for f in by_name["POST /api/v1/orders"] if f["sink"]["resource"] == "PostgreSQL (DATABASE_URL)"]
    assert [s["label"] for s in submit["steps"]] == ["submit_order", "OrderService.place_order",
                                                     "DataManager.get_instrument_by_symbol"]
    assert submit["sink"]["factory"] == "asyncpg.create_pool" and submit["sink"]["path"] == "app/database.py"
    streams = [f for f in result.system["flows"] if f["entry_kind"] == "queue"]
    assert {f["name"] for f in streams} == {"PricePoller.run -> broadcast_prices",
                                            "AlertWorker.check_alerts -> AlertWorker._dispatch_loop"}
    background = {(f["entry"], f["sink"]["resource"]) for f in result.system["flows"] if f["kind"] == "background"}
    assert ("app.workers.order_cleanup_worker.OrderCleanupWorker.run", "PostgreSQL (DATABASE_URL)") in background
    assert ("app.workers.price_poller.PricePoller.run", "ticker_service") in background


def test_inventories(result):
    inv = result.system["inventories"]
    unbounded = {(r["where"], r["phase"]) for r in inv["timeouts"] if r["bounded"] is False}
    assert unbounded == {
        ("app/database.py:33", "command"), ("app/main.py:42", "socket"), ("app/main.py:42", "connect"),
        ("app/services/notifier.py:51", "all"), ("app/services/ticker_client.py:28", "all"),
        (next(r["where"] for r in inv["timeouts"] if r["what"] == "asyncpg.Pool.acquire" and r["bounded"] is False),
         "acquire"),
    }
    health = inv["health_checks"]
    assert {(e["route"], e["kind"], tuple(e["probes"])) for e in health["endpoints"]} == {
        ("/health", "liveness", ()), ("/ready", "readiness", ("PostgreSQL (DATABASE_URL)",))}
    assert health["unprobed"] == ["Redis (REDIS_URL)", "notify_email", "ticker_service", "webhook"]
    stateful = {r["component"] for r in inv["stateful_components"] if r["stateful"]}
    assert {"ConnectionManager", "TickerClient", "RiskEngine"} <= stateful
    assert "OrderService" not in stateful and "DataManager" not in stateful
    obs = inv["observability"]
    assert obs["print_calls"] == ["app/workers/price_poller.py:65"] and obs["logging_setup"] == ["app/main.py:29"]
    assert obs["metrics"] == [] and obs["tracing"] == []
    workers = {r["function"]: r for r in inv["worker_coordination"]}
    assert all(r["in_every_replica"] and not r["coordination"] for r in workers.values())
    assert workers["app.workers.price_poller.PricePoller.run"]["interval"] == \
        "2.0 (self.interval, env PRICE_POLL_INTERVAL_SECONDS)"
    spof = {r["dependency"]: r for r in inv["single_points_of_failure"]}
    assert spof["PostgreSQL (DATABASE_URL)"]["probed_by_health_check"]
    assert not spof["Redis (REDIS_URL)"]["probed_by_health_check"]
    assert spof["ticker_service"]["unbounded_calls"] == ["app/services/ticker_client.py:28"]


def test_scorecard_shows_its_arithmetic(result):
    rows = {r["area"]: r for r in result.system["scorecard"]}
    timeouts = rows["Timeout configuration"]
    facts = timeouts["facts"]
    assert timeouts["score"] == round(10 * facts["bounded"] / facts["judged"])
    assert f"{facts['bounded']} of {facts['judged']}" in timeouts["basis"]
    assert rows["Background worker coordination"]["score"] == 0  # six loops, every replica, no lock
    for row in rows.values():
        assert row["basis"] and (row["score"] is None or 0 <= row["score"] <= 10)


def test_renderers(result):
    texts = {name: getattr(system_sections, name)(result) for name in RENDERERS}
    assert all(texts.values())
    diagram = texts["component_diagram"]
    assert "```text" in diagram and "```mermaid" in diagram and "flowchart TD" in diagram
    for name in ("DataManager", "PostgreSQL (DATABASE_URL)", "ticker_service", "PricePoller", "/ws/prices",
                 "/api/v1/orders"):
        assert name in diagram
    text_block = diagram.split("```text\n", 1)[1].split("```", 1)[0]
    assert max(len(line) for line in text_block.splitlines()) <= 110  # readable in a terminal
    mermaid = diagram.split("```mermaid\n", 1)[1].split("```", 1)[0]
    ids = set(re.findall(r"^\s+(c\d+)\[", mermaid, re.M))
    edges = re.findall(r"^\s+(c\d+) --> (\w+)$", mermaid, re.M)
    assert edges and all(a in ids and (b in ids or b.startswith("L")) for a, b in edges)
    assert "`app/database.py:" in texts["data_flows"] and "#### Streaming flows" in texts["data_flows"]
    assert "**no limit**" in texts["timeout_inventory"]
    assert "Not probed by any health endpoint: Redis (REDIS_URL)" in texts["health_checks"]
    assert "| Timeout configuration |" in texts["scorecard"]


def test_flows_and_components_reach_findings_json(result):
    from reassess.report.json_report import to_data

    data = to_data(result)
    assert data["components"] == result.components
    assert data["flows"] == result.system["flows"]


def test_no_application_degrades_to_empty_sections(tmp_path: Path):
    (tmp_path / "lib.py").write_text("def add(a, b):\n    return a + b\n", encoding="utf-8")
    (tmp_path / "broken.py").write_text("def broken(:\n", encoding="utf-8")
    result = assess(tmp_path)
    assert result.components == [] and result.system["flows"] == []
    for name in RENDERERS:
        getattr(system_sections, name)(result)  # never raises
    assert "no component diagram" in system_sections.component_diagram(result)


def test_dynamic_project_runs_clean():
    result = assess(PROJECTS / "routing_app")
    unresolved = result.system["inventories"]["unresolved"]
    assert "svc/main.py:43: app.include_router(getattr(...)) not resolved to a router" in unresolved
    groups = [c for c in result.components if c["kind"] == "route-group"]
    unmounted = [c for c in groups if not c["details"]["mounted"]]
    assert [c["details"]["prefix"] for c in unmounted] == ["/legacy"]


def test_worker_coordination_on_a_project_with_job_frameworks():
    result = assess(PROJECTS / "workers_app")
    rows = {(r["function"], r["framework"]): r["in_every_replica"]
            for r in result.system["inventories"]["worker_coordination"]}
    assert rows[("jobs.workers.Poller.run", "")] is True  # started by the startup handler
    assert rows[("jobs.scheduled.nightly_report", "apscheduler")] is True  # in-process scheduler
    assert rows[("jobs.scheduled.nightly_report", "arq")] is False  # a separate worker process
    assert rows[("jobs.scheduled.rebuild_index", "celery")] is False
    streams = [f["name"] for f in result.system["flows"] if f["entry_kind"] == "queue"]
    assert streams == ["Poller.run -> consume"]
    text = system_sections.worker_coordination(result)
    assert "| `Poller.run` | `jobs/workers.py:52` | every replica" in text
    kept = {r["function"]: r["kept_reference"] for r in result.system["inventories"]["worker_coordination"]}
    assert kept["jobs.workers.consume"] is False  # spawn() returns the task and its caller drops it


def test_store_without_known_users_stays_once_routes_exist(tmp_path: Path):
    """An engine handed to a framework plugin (sessions injected into the handlers) has no use the
    model can attribute: its box stays beside the routes. A client only a command-line function
    uses leaves the served system's graph; one a route uses keeps its arrow."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "svc" / "main.py").write_text(
        "import os\n"
        "import redis.asyncio as aioredis\n"
        "from fastapi import FastAPI\n"
        "from sqlalchemy.ext.asyncio import create_async_engine\n"
        "from some_plugin import SessionPlugin\n\n"
        "engine = create_async_engine(os.getenv('DATABASE_URL'))\n"
        "plugin = SessionPlugin(engine)\n"
        "cache = aioredis.from_url(os.getenv('REDIS_URL'))\n"
        "app = FastAPI()\n\n\n"
        "@app.get('/items')\n"
        "async def items() -> dict:\n"
        "    return {'n': await cache.get('n')}\n", encoding="utf-8")
    (tmp_path / "svc" / "cli.py").write_text(
        "import os\n"
        "import redis\n\n"
        "queue = redis.Redis.from_url(os.getenv('QUEUE_URL'))\n\n\n"
        "def main() -> None:\n"
        "    queue.delete('jobs')\n", encoding="utf-8")
    stores = {c["name"] for c in assess(tmp_path).components if c["kind"] in ("database", "cache")}
    assert stores == {"SQL database (DATABASE_URL)", "Redis (REDIS_URL)"}


def test_store_of_a_plugin_nothing_is_seen_to_call_stays(tmp_path: Path):
    """A storage plugin whose methods are run through a list a loader fills by name (the call
    graph never reaches them): its client's users are unknown, not script-only, so its store box
    stays beside the routes. A client whose only use is a function the served code never reaches
    but a command-line entry does still leaves the graph."""
    (tmp_path / "bot").mkdir()
    (tmp_path / "bot" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "bot" / "main.py").write_text(
        "import importlib\n"
        "from fastapi import FastAPI\n\n"
        "app = FastAPI()\n"
        "backends = []\n\n\n"
        "@app.on_event('startup')\n"
        "async def load() -> None:\n"
        "    for name in ('bot.memory_mongo',):\n"
        "        backends.append(importlib.import_module(name).Backend())\n\n\n"
        "@app.post('/remember/{key}')\n"
        "async def remember(key: str, value: str) -> dict:\n"
        "    for backend in backends:\n"
        "        await backend.save(key, value)\n"
        "    return {}\n", encoding="utf-8")
    (tmp_path / "bot" / "memory_mongo.py").write_text(
        "from motor.motor_asyncio import AsyncIOMotorClient\n\n\n"
        "class Backend:\n"
        "    def __init__(self) -> None:\n"
        "        self.client = None\n\n"
        "    async def open(self, url: str) -> None:\n"
        "        self.client = AsyncIOMotorClient(url)\n\n"
        "    async def save(self, key: str, value: str) -> None:\n"
        "        await self.client['bot']['memory'].insert_one({'_id': key, 'value': value})\n", encoding="utf-8")
    (tmp_path / "bot" / "cli.py").write_text(
        "import os\n"
        "import redis\n\n"
        "queue = redis.Redis.from_url(os.getenv('QUEUE_URL'))\n\n\n"
        "def main() -> None:\n"
        "    queue.delete('jobs')\n", encoding="utf-8")
    stores = {c["name"] for c in assess(tmp_path).components if c["kind"] in ("database", "cache")}
    assert stores == {"MongoDB (url)"}
