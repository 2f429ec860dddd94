"""The application model: routes with full paths, websockets, middleware, lifespan, workers,
resources with their users and timeouts, queues and SQL, on small projects and on the
sample backend (exact sets, never counts alone)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE
from reassess.cache import Cache
from reassess.config import load_config
from reassess.discovery import discover
from reassess.model.project import ProjectModel
from reassess.pipeline import _analyse_files, _read_files

PROJECTS = Path(__file__).parent / "projects"


def build_model(root: Path) -> ProjectModel:
    config = load_config(root, {})
    config.use_cache = False
    found = discover(config)
    sources, _ = _read_files(config, found.files)
    results = _analyse_files(config, sources, Cache(None, config.digest(), False), lambda *a: None)
    return ProjectModel([r.facts for r in results if r.facts is not None], sources, root)


@pytest.fixture(scope="module")
def routing():
    return build_model(PROJECTS / "routing_app").app


@pytest.fixture(scope="module")
def workers():
    return build_model(PROJECTS / "workers_app").app


@pytest.fixture(scope="module")
def sample():
    return build_model(SAMPLE).app


def routes(app, kind="http", mounted=True):
    return {(",".join(e.methods), e.route) for e in app.of_kind(kind) if e.details["mounted"] == mounted}


def by_route(app, route):
    return next(e for e in app.entrypoints if e.route == route)


# ----- routing ---------------------------------------------------------------------------------
def test_full_paths_through_every_include_and_mount(routing):
    assert routes(routing) == {
        ("GET", "/v1/api/orders"),  # app prefix from settings.API_PREFIX, api_router /api, orders /orders
        ("GET,DELETE", "/v1/api/orders/{order_id}"),  # api_route(methods=[...])
        ("POST", "/v1/api/orders/export"),
        ("GET", "/v1/api/users/{user_id}"),  # include_router(prefix="/users") on a router without prefix
        ("GET,HEAD", "/ping"),  # add_api_route
        ("GET", "/health"),  # decorated inside the factory function
        ("GET", "/extra/hello"),  # included in a loop over a literal list
        ("GET", "/opt/reports/daily"),  # included in a loop over a module-level tuple, with a prefix
        ("GET", "/sub/status"),  # Starlette Route in a mounted sub-app
        ("GET,POST", "/sub/meta/info"),  # Mount(routes=[...]) inside it
    }
    assert {e.route for e in routing.of_kind("websocket")} == {"/v1/api/orders/ws/feed", "/ws/raw", "/sub/ws"}


def test_dynamic_registration_degrades_to_unresolved(routing):
    assert routes(routing, mounted=False) == {("GET", "/legacy/hello")}  # included only via getattr
    assert routing.unresolved == ["svc/main.py:43: app.include_router(getattr(...)) not resolved to a router"]


def test_handlers_run_in_and_dependencies(routing):
    export = by_route(routing, "/v1/api/orders/export")
    assert export.function == "svc.api.orders.export_orders" and export.runs_in == "threadpool"
    assert export.dependencies == ["svc.db.verify_token", "svc.db.current_user", "svc.db.get_db"]
    detail = by_route(routing, "/v1/api/orders/{order_id}")
    assert detail.runs_in == "event-loop"
    assert detail.dependencies == ["svc.db.verify_token", "svc.db.current_user", "svc.db.get_db"]
    assert detail.details["dependency_runs_in"] == {"svc.db.verify_token": "event-loop",
                                                     "svc.db.current_user": "event-loop",
                                                     "svc.db.get_db": "threadpool"}
    assert by_route(routing, "/v1/api/orders").dependencies == ["svc.db.verify_token", "svc.db.get_db"]  # alias


def test_middleware_handlers_and_lifecycle(routing):
    middleware = [(e.function, e.details["order"]) for e in routing.of_kind("middleware")]
    assert sorted(middleware, key=lambda m: m[1]) == [
        ("fastapi.middleware.cors.CORSMiddleware", 0),
        ("svc.main.TimingMiddleware.dispatch", 1),
        ("svc.main.create_app.<locals>.add_header", 2),
    ]
    assert {(e.details["exception"], e.function) for e in routing.of_kind("exception-handler")} == {
        ("KeyError", "svc.main.handle_key_error"), ("ValueError", "svc.main.create_app.<locals>.value_error")}
    assert [e.function for e in routing.of_kind("lifespan")] == ["svc.main.lifespan"]
    assert [e.function for e in routing.of_kind("shutdown")] == ["svc.main.create_app.<locals>.close_all"]


def test_routers_and_their_mount_points(routing):
    mounted = {r["name"]: r["mounted_at"] for r in routing.routers}
    assert mounted == {
        "svc.api.api_router": ["/v1/api"], "svc.api.orders.router": ["/v1/api/orders"],
        "svc.api.users.router": ["/v1/api/users"], "svc.main.create_app.app": [""],
        "svc.plugins.extra.router": ["/extra"], "svc.plugins.legacy.router": [],
        "svc.plugins.reports.router": ["/opt/reports"], "svc.sub.sub_app": ["/sub"],
    }


# ----- workers and resources --------------------------------------------------------------------
def test_background_work(workers):
    found = {(e.kind, e.function, e.runs_in) for e in workers.of_kind("worker", "task", "job")}
    assert found == {
        ("worker", "jobs.workers.Poller.run", "event-loop"),  # asyncio.create_task(poller.run())
        ("worker", "jobs.workers.consume", "event-loop"),  # spawn(coro) wraps asyncio.create_task
        ("worker", "jobs.workers.rates_thread", "thread"),  # threading.Thread(target=...)
        ("worker", "jobs.workers.supervise", "event-loop"),  # runs a TaskGroup until its tasks end
        ("worker", "jobs.workers.audit_loop", "event-loop"),  # TaskGroup.create_task
        ("task", "jobs.workers.warm_cache", "event-loop"),  # ensure_future, no loop
        ("task", "jobs.app.send_receipt", "threadpool"),  # BackgroundTasks.add_task with a sync function
        ("job", "jobs.scheduled.nightly_report", "event-loop"),  # scheduler.add_job
        ("job", "jobs.scheduled.nightly_report", "worker-process"),  # arq WorkerSettings.functions
        ("job", "jobs.scheduled.rebuild_index", "worker-process"),  # @celery_app.task
    }
    poller = next(e for e in workers.of_kind("worker") if e.function == "jobs.workers.Poller.run")
    assert poller.started_at == ("jobs/workers.py", 52) and poller.details["at_startup"]
    assert poller.details["loop"]["sleep"] == "5.0 (POLL_SECONDS, env POLL_SECONDS)"
    receipt = next(e for e in workers.of_kind("task") if e.function == "jobs.app.send_receipt")
    assert not receipt.details["at_startup"]


def test_resources_config_timeouts_and_users(workers):
    resources = {(r.factory, r.line): r for r in workers.resources}
    assert set(resources) == {
        ("sqlalchemy.ext.asyncio.create_async_engine", 11), ("redis.Redis.from_url", 13), ("httpx.AsyncClient", 14),
        ("asyncpg.create_pool", 18), ("requests.get", 37), ("aiohttp.ClientSession", 41), ("celery.Celery", 4)}

    def effective(factory, line):
        return {t["phase"]: t["effective"] for t in resources[(factory, line)].details["timeouts"]}

    assert effective("httpx.AsyncClient", 14) == {"all": 10.0}  # httpx.Timeout(10, connect=2): worst phase
    assert effective("aiohttp.ClientSession", 41) == {"total": None, "sock_connect": None}  # ClientTimeout(connect=5)
    assert effective("redis.Redis.from_url", 13) == {"socket": 2.0, "connect": None}
    assert effective("asyncpg.create_pool", 18) == {"connect": 60.0, "command": 3.0}
    assert effective("requests.get", 37) == {"all": None}
    engine = resources[("sqlalchemy.ext.asyncio.create_async_engine", 11)]
    assert engine.users == ["jobs.clients.count_accounts"]  # session from async_sessionmaker(engine)
    assert engine.details["store"] == "PostgreSQL (db)"
    assert resources[("httpx.AsyncClient", 14)].details["service"] == "billing_api"  # env BILLING_API_URL
    assert resources[("aiohttp.ClientSession", 41)].details["service"] == "status.example.com"  # from its call
    assert resources[("redis.Redis.from_url", 13)].users == ["jobs.clients.remember"]


def test_queue_links_producer_and_consumer(workers):
    [channel] = workers.channels
    assert channel["binding"] == "queue" and channel["bounded"]
    assert [p["function"] for p in channel["producers"]] == ["jobs.workers.Poller.run"]
    assert [c["function"] for c in channel["consumers"]] == ["jobs.workers.consume"]


def test_sql_is_tied_to_its_call_and_resource(workers):
    [record] = workers.sql
    assert record["tables"] == ["accounts"] and record["operation"] == "select"
    assert record["executed_by"]["call"] == "sqlalchemy.ext.asyncio.AsyncSession.execute"
    assert record["resource"] == "jobs/clients.py:11:9"


# ----- the sample backend ------------------------------------------------------------------------
SAMPLE_ROUTES = {
    ("GET", "/health"), ("GET", "/ready"),
    ("GET", "/api/v1/orders"), ("POST", "/api/v1/orders"), ("GET", "/api/v1/orders/history"),
    ("GET", "/api/v1/orders/types"), ("GET", "/api/v1/orders/{order_id}"), ("DELETE", "/api/v1/orders/{order_id}"),
    ("POST", "/api/v1/orders/{order_id}/fills"),
    ("GET", "/api/v1/positions"), ("GET", "/api/v1/positions/summary"), ("GET", "/api/v1/positions/summary/cached"),
    ("POST", "/api/v1/positions/rebalance"), ("POST", "/api/v1/positions/{symbol}/close"),
    ("GET", "/api/v1/market/quotes/{symbol}"), ("GET", "/api/v1/market/quotes"),
    ("GET", "/api/v1/market/instruments/search"), ("GET", "/api/v1/market/instruments/autocomplete"),
    ("GET", "/api/v1/market/instruments/{symbol}/meta"), ("GET", "/api/v1/market/candles/{symbol}"),
    ("GET", "/api/v1/market/fx/{pair}"), ("GET", "/api/v1/market/hours"),
    ("GET", "/api/v1/alerts"), ("POST", "/api/v1/alerts"), ("DELETE", "/api/v1/alerts/{alert_id}"),
    ("GET", "/api/v1/admin/stats"), ("GET", "/api/v1/admin/users/by-email/{email}"),
    ("POST", "/api/v1/admin/users/{user_id}/deactivate"), ("POST", "/api/v1/admin/users/{user_id}/credit"),
    ("POST", "/api/v1/admin/risk/reload"), ("GET", "/api/v1/admin/audit/export"),
    ("POST", "/api/v1/admin/orders/archive"), ("POST", "/api/v1/admin/broadcast"),
    ("GET", "/api/v1/admin/webhook/check"),
    ("GET", "/api/v1/admin/alerts/instrument/{symbol}"), ("POST", "/api/v1/admin/alerts/archive"),
}


def test_sample_routes_websockets_and_middleware(sample):
    assert routes(sample) == SAMPLE_ROUTES
    assert routes(sample, mounted=False) == set()
    assert {e.route for e in sample.of_kind("websocket")} == {"/ws/prices", "/ws/orders"}
    threadpool = {e.route for e in sample.of_kind("http") if e.runs_in == "threadpool"}
    assert threadpool == {"/api/v1/orders/types", "/api/v1/positions/summary/cached", "/api/v1/market/hours",
                          "/api/v1/admin/webhook/check"}
    assert {e.function for e in sample.of_kind("middleware")} == {"fastapi.middleware.cors.CORSMiddleware",
                                                                   "app.main.request_timing"}
    assert "app.dependencies.require_admin" in by_route(sample, "/api/v1/admin/stats").dependencies


def test_sample_workers(sample):
    found = {(e.kind, e.function, e.started_at) for e in sample.of_kind("worker", "task", "job")}
    assert found == {
        ("worker", "app.workers.price_poller.PricePoller.run", ("app/main.py", 58)),
        ("worker", "app.workers.order_cleanup_worker.OrderCleanupWorker.run", ("app/main.py", 59)),
        ("worker", "app.websocket.prices_ws.broadcast_prices", ("app/main.py", 60)),
        ("worker", "app.websocket.orders_ws.relay_order_updates", ("app/main.py", 61)),
        ("worker", "app.workers.alert_worker.AlertWorker.run", ("app/main.py", 62)),
        ("worker", "app.workers.alert_worker.AlertWorker._dispatch_loop", ("app/workers/alert_worker.py", 50)),
    }
    assert all(e.details["at_startup"] for e in sample.of_kind("worker"))
    unreferenced = {e.function for e in sample.of_kind("worker") if not e.details["kept_reference"]}
    assert unreferenced == {"app.workers.alert_worker.AlertWorker.run"}


def test_sample_resources(sample):
    found = {(r.kind, r.factory, r.path, r.details["store"] or r.details["service"]) for r in sample.resources}
    assert found == {
        ("database", "asyncpg.create_pool", "app/database.py", "PostgreSQL (DATABASE_URL)"),
        ("cache", "redis.asyncio.from_url", "app/main.py", "Redis (REDIS_URL)"),
        ("http-client", "httpx.AsyncClient", "app/services/ticker_client.py", "ticker_service"),
        ("http-client", "requests.post", "app/services/notifier.py", "webhook"),
        ("http-client", "requests.post", "app/services/notifier.py", "notify_email"),
        ("http-client", "requests.get", "app/routes/admin.py", "webhook"),
    }
    pool = next(r for r in sample.resources if r.factory == "asyncpg.create_pool")
    assert {t["phase"]: t["effective"] for t in pool.details["timeouts"]} == {"connect": 10.0, "command": None}
    assert pool.details["pool"] == {"min_size": "5 (settings.db_pool_min_size, env DB_POOL_MIN_SIZE)",
                                    "max_size": "20 (settings.db_pool_max_size, env DB_POOL_MAX_SIZE)"}
    # users reached through DataManager(pool) -> self.pool, and `async with self.pool.acquire() as conn`
    assert "app.database.DataManager.adjust_cash_balance" in pool.users
    assert pool.details["unattributed_uses"] == 0
    history = next(r for r in sample.resources if r.binding == "self._history_client")
    assert [t["effective"] for t in history.details["timeouts"]] == [None]  # timeout=None disables httpx's 5 s
    client = next(r for r in sample.resources if r.binding == "self._client")
    assert [t["effective"] for t in client.details["timeouts"]] == [5.0]  # httpx default
    unbounded_acquires = {op["line"] for op in pool.details["operations"] if op["method"] == "acquire"
                          and any(t["effective"] is None for t in op["timeouts"])}
    assert len(unbounded_acquires) == 1  # `conn = await self.pool.acquire()`
    [line] = unbounded_acquires
    assert "self.pool.acquire()" in build_model(SAMPLE).line_text("app/database.py", line)


def test_sample_queues(sample):
    links = {(c["binding"], tuple(p["function"] for p in c["producers"]), tuple(q["function"] for q in c["consumers"]))
             for c in sample.channels}
    assert links == {
        ("price_updates", ("app.workers.price_poller.PricePoller.run",), ("app.websocket.prices_ws.broadcast_prices",)),
        ("self.triggered", ("app.workers.alert_worker.AlertWorker.check_alerts",),
         ("app.workers.alert_worker.AlertWorker._dispatch_loop",)),
    }


def test_constructor_parameter_types_are_inferred_from_callers():
    model = build_model(SAMPLE)
    targets = {e.target.name for e in model.edges["app.services.risk.RiskEngine._load_limit"]}
    assert "app.database.DataManager.get_user" in targets  # `def __init__(self, dm)`: every caller passes a DataManager


def test_app_state_handed_to_a_constructor_types_its_attributes():
    """`FolderWatcher(app.state)` with `def __init__(self, state)`: `self._state.store` is what the app
    stored there, and a property read at the end of a long chain (`s3 = self._state.store.raw`)
    still resolves to the client its getter returns."""
    model = build_model(Path(__file__).parent / "cases" / "sync-io-in-async@state-held-client")
    targets = {e.site.line: e.target.name for e in model.edges["runs.watcher.FolderWatcher.scan_once"]}
    assert targets[21] == "boto3.client.list_objects_v2"
    assert targets[23] == "runs.storage.ObjectStore.list_keys"


# ----- library knowledge -----------------------------------------------------------------------
def test_library_timeout_knowledge():
    from reassess.knowledge import clients as lib

    httpx_timeout = lib.client_spec("httpx.AsyncClient").timeouts[0]
    assert lib.effective(httpx_timeout, {}).effective == 5.0  # httpx's default
    assert lib.effective(httpx_timeout, {"timeout": None}, literal_none=True).effective is None
    assert lib.effective(httpx_timeout, {"timeout": None}).effective == lib.UNKNOWN  # None may be an expression
    requests_timeout = lib.client_spec("requests.post").timeouts[0]
    assert lib.effective(requests_timeout, {}).effective is None  # requests waits forever
    assert lib.effective(requests_timeout, {"timeout": [3, 10]}).effective == 10.0
    aiohttp = {t.phase: t.default for t in lib.client_spec("aiohttp.ClientSession").timeouts}
    assert aiohttp == {"total": 300.0, "sock_connect": 30.0}
    pool = {t.kwarg: (t.phase, t.default) for t in lib.client_spec("asyncpg.create_pool").timeouts}
    assert pool == {"timeout": ("connect", 60.0), "command_timeout": ("command", None)}
    acquire, method = lib.operation_spec("asyncpg.pool.Pool.acquire")
    assert method == "acquire" and acquire.timeouts[0].default is None  # waits forever for a connection
    mongo = {t.kwarg: lib.effective(t, {"serverSelectionTimeoutMS": 5000}).effective
             for t in lib.client_spec("motor.motor_asyncio.AsyncIOMotorClient").timeouts}
    assert mongo["serverSelectionTimeoutMS"] == 5.0 and mongo["connectTimeoutMS"] == 20.0
    assert lib.expand_timeout_object("aiohttp.ClientTimeout", (), {"connect": 5}) == {
        "total": None, "connect": 5.0, "sock_read": None, "sock_connect": None}
    assert lib.expand_timeout_object("httpx.Timeout", (10,), {"connect": 2}) == {
        "connect": 2.0, "read": 10.0, "write": 10.0, "pool": 10.0}
    assert lib.canonical("redis.asyncio.client.Redis.get") == "redis.asyncio.Redis.get"
    assert "sqlalchemy.ext.asyncio.AsyncSession" in lib.family("sqlalchemy.ext.asyncio.AsyncEngine")
    assert lib.describe_seconds(None) == "no limit" and lib.describe_seconds(2.5) == "2.5 s"


# ----- worker programs picking their job by name ---------------------------------------------
def test_jobs_behind_a_program_registry_are_worker_entries():
    """`JOBS[args.job](ctx)` then `await job.run()`: each registered class's `run` is a worker of the
    program (a stream reader entered at its loop); a class of the same shape no registry holds is
    not, and function values (`JOBS[name](pool, stop)`) are entered at their loop."""
    app = build_model(Path(__file__).parent / "cases" / "worker-coordination@registry-program").app
    programs = {e.function: e.details for e in app.of_kind("worker") if e.details.get("program")}
    assert set(programs) == {
        "depot.workers.sweeper.StaleSweeper.run", "depot.workers.tracking.TrackingFeed.run",
        "depot.workers.tracking.ReturnsFeed.run", "depot.workers.closing.MonthlyClose.run",
        "billing.jobs.accrue_interest", "billing.jobs.close_statements"}
    assert "depot.workers.sweeper.ArchiveSweeper.run" not in {e.function for e in app.entrypoints}
    sweeper = programs["depot.workers.sweeper.StaleSweeper.run"]
    assert sweeper["program"] == "depot.workers.__main__.main" and sweeper["script"]
    assert sweeper["lookup"] == ("depot.workers.__main__.main", 24) and sweeper["loop"]["sleep"]
    assert programs["billing.jobs.accrue_interest"]["lookup"] == ("billing.__main__.run", 16)


def test_one_shot_jobs_a_periodic_runner_repeats_are_periodic_program_workers():
    """`job, interval = PERIODIC[name]` then `run_periodic(name, lambda: job(pool, redis), interval)`:
    each callable of the registry's `(job, interval)` tuples is a worker of the program, paced by the
    runner's loop; a one-off command picked and awaited once (`command, _ = ONE_OFF[name]`) is none."""
    app = build_model(Path(__file__).parent / "cases" / "worker-coordination@periodic-runner-registry").app
    workers = {e.function: e.details for e in app.of_kind("worker")}
    assert set(workers) == {"orchard.jobs.expire_holds", "orchard.jobs.release_quotas"}
    holds = workers["orchard.jobs.expire_holds"]
    assert holds["program"] == "orchard.__main__.main" and holds["supervised_by"] == "orchard.runner.run_periodic"
    assert holds["loop"]["function"] == "orchard.runner.run_periodic" and holds["loop"]["sleep"]
    assert "orchard.jobs.backfill_prices" not in {e.function for e in app.entrypoints}


def test_unpacked_registry_lookup_binds_each_element():
    """`job, interval = JOBS[name]` binds `job` to the first element of the value the lookup picks;
    the registry's tuple values keep their parts for it."""
    import ast

    from reassess.facts.extract import extract

    source = ("JOBS = {'a': (run_a, 60), 'b': (run_b, 3600)}\n\n\n"
              "async def main(name):\n    job, interval = JOBS[name]\n    await job()\n")
    facts = extract(ast.parse(source), "jobs.py", "jobs", False)
    assert facts.functions["main"].local_types["job"] == {"element_of": {"ref": "JOBS.[]"}, "element": 0, "line": 5}
    assert facts.assigns["JOBS"].value["items"][0][1]["parts"] == [{"ref": "run_a"}, 60]


# ----- includes inside functions, named dependency lists, routers that declare their own -------
def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return root


_DEPENDENCY_APP = {
    "svc/__init__.py": "",
    "svc/auth.py": (
        "def require_user() -> str:\n    return 'u'\n\n\n"
        "def require_admin() -> str:\n    return 'a'\n\n\n"
        "class VersionCheck:\n"
        "    def __init__(self, minimum: str) -> None:\n        self.minimum = minimum\n\n"
        "    async def __call__(self) -> None:\n        return None\n\n\n"
        "check_version = VersionCheck('1')\n"),
    "svc/routers.py": (
        "from fastapi import APIRouter, Depends\n\nfrom svc.auth import require_admin\n\n\n"
        "class AdminRouter(APIRouter):\n"
        "    def __init__(self, prefix: str = '', **kwargs):\n"
        "        super().__init__(prefix=prefix, dependencies=[Depends(require_admin)], **kwargs)\n\n\n"
        "class PlainRouter(APIRouter):\n"
        "    def __init__(self, prefix: str = '', **kwargs):\n"
        "        super().__init__(prefix=prefix, **kwargs)\n"),
    "svc/orders.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/orders')\nasync def orders() -> list:\n    return []\n"),
    "svc/reports.py": (
        "from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n"
        "@router.get('/reports')\nasync def reports() -> list:\n    return []\n"),
    "svc/admin.py": (
        "from svc.routers import AdminRouter, PlainRouter\n\n"
        "router = AdminRouter(prefix='/admin')\nopen_router = PlainRouter(prefix='/open')\n\n\n"
        "@router.get('/users')\nasync def users() -> list:\n    return []\n\n\n"
        "@open_router.get('/ping')\nasync def ping() -> str:\n    return 'ok'\n"),
    "svc/server.py": (
        "from fastapi import Depends, FastAPI\n\nfrom svc.auth import check_version\n\n\n"
        "class Server:\n"
        "    def __init__(self) -> None:\n"
        "        self.app = FastAPI()\n"
        "        self.configure(self.app)\n\n"
        "    def configure(self, app: FastAPI) -> None:\n"
        "        from svc.auth import require_user\n"
        "        from svc.orders import router as orders\n"
        "        from svc.reports import router as reports\n"
        "        from svc.admin import open_router, router as admin\n\n"
        "        app.include_router(orders, prefix='/api', dependencies=[Depends(require_user), Depends(check_version)])\n"
        "        shared = [Depends(check_version)]\n"
        "        app.include_router(reports, prefix='/api', dependencies=shared)\n"
        "        app.include_router(admin, prefix='/api')\n"
        "        app.include_router(open_router, prefix='/api')\n"),
}


def test_routers_included_inside_a_method_get_their_prefix_and_dependencies(tmp_path):
    """`configure(self, app)` imports its routers inside the method and includes them there: the
    routes are mounted under the include's prefix, with both providers of a one-line
    `[Depends(a), Depends(b)]` (an instance provider runs its `__call__`)."""
    app = build_model(_write(tmp_path, _DEPENDENCY_APP)).app
    orders = by_route(app, "/api/orders")
    assert orders.details["mounted"]
    assert {"svc.auth.require_user", "svc.auth.VersionCheck.__call__"} <= set(orders.dependencies)


def test_a_dependencies_list_held_in_a_local_name(tmp_path):
    """`dependencies=shared` where `shared = [Depends(...)]` a line above reads as the list; a
    router included without one gets none."""
    app = build_model(_write(tmp_path, _DEPENDENCY_APP)).app
    assert "svc.auth.VersionCheck.__call__" in by_route(app, "/api/reports").dependencies
    assert "svc.auth.VersionCheck.__call__" not in by_route(app, "/api/open/ping").dependencies


def test_a_router_class_declaring_dependencies_in_its_init(tmp_path):
    """`AdminRouter(APIRouter)` passing `dependencies=[...]` to `super().__init__`: every route of
    its instances runs the provider; a sibling class that passes none adds none."""
    app = build_model(_write(tmp_path, _DEPENDENCY_APP)).app
    assert "svc.auth.require_admin" in by_route(app, "/api/admin/users").dependencies
    assert "svc.auth.require_admin" not in by_route(app, "/api/open/ping").dependencies


def test_answered_status_reads_literals_and_named_constants():
    from reassess.facts.types import CallSite
    from reassess.knowledge.responses import answered_status, is_server_error_raise

    def site(name, args=(), **kwargs):
        return CallSite(func=tuple(name.split(".")), line=1, end_line=1, col=0, args=args, kwargs=kwargs)

    assert answered_status(site("HTTPException", (502,))) == 502
    assert answered_status(site("JSONResponse", status_code={"ref": "status.HTTP_503_SERVICE_UNAVAILABLE"})) == 503
    assert answered_status(site("HTTPException", ({"ref": "HTTPStatus.BAD_GATEWAY"},))) == 502
    assert answered_status(site("HTTPException", ({"ref": "http.HTTPStatus.NOT_A_STATUS"},))) is None
    assert answered_status(site("JSONResponse", status_code={"ref": "settings.code"})) is None
    assert is_server_error_raise(site("fastapi.HTTPException", status_code=500))
    assert not is_server_error_raise(site("HTTPException", (404,)))
    assert not is_server_error_raise(site("JSONResponse", status_code=503))  # answered, not raised


_PERIODIC_PROGRAM = {
    "jobs/__init__.py": "",
    "jobs/settings.py": (
        "class Settings:\n    tick_s = 30\n\n\n"
        "def get_settings() -> Settings:\n    return Settings()\n"
    ),
    "jobs/runtime.py": (
        "import asyncio\n\n\n"
        "async def run_periodic(name, interval_s, tick, stop):\n"
        "    while not stop.is_set():\n"
        "        await tick()\n"
        "        await asyncio.sleep(interval_s)\n"
    ),
    "jobs/sweeper.py": (
        "import asyncio\n\n"
        "from jobs.runtime import run_periodic\n"
        "from jobs.settings import get_settings\n\n\n"
        "async def sweep(db) -> None:\n    await db.execute('DELETE FROM sessions WHERE expired')\n\n\n"
        "async def main(db) -> None:\n"
        "    stop = asyncio.Event()\n"
        "    await run_periodic('sweep', get_settings().tick_s, lambda: sweep(db), stop)\n"
    ),
}


def test_a_lambda_job_is_told_from_a_call_in_an_earlier_argument(tmp_path):
    """`run_periodic(name, get_settings().tick_s, lambda: sweep(db), stop)`: the job is what the
    lambda calls, not the settings call written left of it on the same line."""
    app = build_model(_write(tmp_path, _PERIODIC_PROGRAM)).app
    started = {e.function for e in app.of_kind("worker") if e.details.get("started_in") == "jobs.sweeper.main"}
    assert started == {"jobs.sweeper.sweep"}


# ----- a lifespan built by a call: the function it returns and the hooks its registry runs ---------
_BUILT_LIFESPAN = {
    "svc/__init__.py": "",
    "svc/hooks.py": (
        "from contextlib import asynccontextmanager\n\n\n"
        "class HookSet:\n"
        "    def __init__(self):\n        self._hooks = []\n\n"
        "    def add(self, hook):\n        self._hooks.append(hook)\n        return hook\n\n"
        "    def label(self, hook):\n        return hook\n\n"
        "    def compose(self):\n"
        "        @asynccontextmanager\n"
        "        async def run_all(app):\n"
        "            for hook in self._hooks:\n"
        "                await hook(app)\n"
        "            yield\n"
        "        return run_all\n\n\n"
        "hooks = HookSet()\n"),
    "svc/main.py": (
        "from fastapi import FastAPI\n\nfrom svc.hooks import hooks\n\n\n"
        "@hooks.add\nasync def warm_cache(app):\n    return None\n\n\n"
        "@hooks.label\nasync def not_registered(app):\n    return None\n\n\n"
        "async def open_pool(app):\n    return None\n\n\n"
        "hooks.add(open_pool)\n"
        "app = FastAPI(lifespan=hooks.compose())\n"),
}


def test_lifespan_built_by_a_call_and_its_registered_hooks(tmp_path):
    app = build_model(_write(tmp_path, _BUILT_LIFESPAN)).app
    found = {e.function for e in app.entrypoints if e.kind == "lifespan"}
    assert found == {"svc.hooks.HookSet.compose.<locals>.run_all", "svc.main.warm_cache", "svc.main.open_pool"}


def test_aiosql_queries_use_the_connection_passed_first():
    model = build_model(Path(__file__).parent / "cases" / "n-plus-one@aiosql-named-queries")
    users = {u for r in model.app.resources if r.factory == "asyncpg.connect" for u in r.users}
    assert {"depot.db.parcels.ParcelRepository.recipient", "depot.db.parcels.ParcelRepository.load"} <= users
