"""Litestar and Tornado servers in the application model: handler decorators, controllers and
routers; RequestHandler subclasses routed by tables (through project bases), websockets and
IOLoop callbacks; how each runs a sync handler; and the look-alikes that are no handlers."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess
from test_app_model import build_model

PROJECTS = Path(__file__).parent / "projects"


@pytest.fixture(scope="module")
def litestar():
    return build_model(PROJECTS / "litestar_app").app


@pytest.fixture(scope="module")
def tornado():
    return build_model(PROJECTS / "tornado_app").app


def test_litestar_routes_with_controller_and_router_paths(litestar):
    found = {(",".join(e.methods), e.route, e.function.rsplit(".", 1)[-1], e.runs_in) for e in litestar.of_kind("http")}
    assert found == {
        ("GET", "/api/v1/health", "health", "event-loop"),  # `@litestar.get`, sync: on the loop
        ("GET", "/api/v1/orders", "list_orders", "event-loop"),  # Controller.path under Router(path=...)
        ("POST", "/api/v1/orders/{order_id:int}/ship", "ship", "event-loop"),
        ("GET", "/api/v1/orders/{order_id:int}/label", "label", "threadpool"),  # sync_to_thread=True
        ("DELETE", "/api/v1/orders/{order_id:int}", "cancel", "event-loop"),  # sync_to_thread=False
    }
    assert all(e.details["mounted"] for e in litestar.of_kind("http"))
    assert {e.function for e in litestar.entrypoints} & {"shop.controllers.orders.OrderController.helper",
                                                          "shop.controllers.orders.Cache.get"} == set()


def test_litestar_provider_websockets_and_hooks(litestar):
    orders = [e for e in litestar.of_kind("http") if "OrderController" in e.function]
    assert all(e.dependencies == ["shop.deps.provide_repo"] for e in orders)
    assert {(e.route, e.function) for e in litestar.of_kind("websocket")} == {
        ("/ws/prices", "shop.app.prices"), ("/ws/echo", "shop.app.echo")}
    assert {(e.kind, e.function) for e in litestar.of_kind("startup", "shutdown")} == {
        ("startup", "shop.app.open_pool"), ("shutdown", "shop.app.close_pool")}


def test_tornado_handlers_through_project_base_and_tables(tornado):
    found = {(",".join(e.methods), e.route, e.function.rsplit(".", 2)[-2] + "." + e.function.rsplit(".", 1)[-1],
              e.runs_in) for e in tornado.of_kind("http")}
    assert found == {
        ("GET", "/api/users", "UserListHandler.get", "event-loop"),  # module table, extended into another
        ("GET", "/api/users/([^/]+)", "UserHandler.get", "event-loop"),  # sync: still on the IOLoop
        ("DELETE", "/api/users/([^/]+)", "UserHandler.delete", "event-loop"),
        ("POST", "/api/export", "ExportHandler.post", "thread"),  # @run_on_executor
        ("GET", "/health", "HealthHandler.get", "event-loop"),  # web.url(...) row
    }
    assert all(e.details["mounted"] for e in tornado.of_kind("http"))
    users = [e for e in tornado.of_kind("http") if "users" in e.route]
    assert all(e.dependencies == ["hub.handlers.base.BaseHandler.prepare"] for e in users)  # async prepare
    assert not any("Registry" in e.function or "BaseHandler" in e.function for e in tornado.entrypoints
                   if e.kind != "job")


def test_tornado_websocket_methods_and_periodic_callback(tornado):
    assert {(e.route, e.function.rsplit(".", 1)[-1]) for e in tornado.of_kind("websocket")} == {
        ("/ws/events", "open"), ("/ws/events", "on_message"), ("/ws/events", "on_close")}
    assert [(e.kind, e.function) for e in tornado.of_kind("job", "worker", "task")] == [("job", "hub.app.cull")]


@pytest.mark.parametrize("project, path, lines", [("litestar_app", "shop/controllers/orders.py", [17, 30]),
                                                  ("tornado_app", "hub/handlers/users.py", [13, 18])])
def test_blocking_call_on_the_loop_is_high(project, path, lines):
    """The async handler's blocking call fires HIGH (served), and so does a sync handler the framework
    calls on the loop (Litestar's `sync_to_thread=False`; a Tornado verb method, here through a helper);
    the offloaded sync handlers (`sync_to_thread=True`, `@run_on_executor`) do not."""
    found = [f for f in assess(PROJECTS / project).findings if f.rule == "RA301"]
    assert [(f.location.path, f.location.start_line, f.severity) for f in found] == [(path, n, "HIGH") for n in lines]
    handler = found[1]
    framework = "Litestar" if project == "litestar_app" else "Tornado"
    assert "coroutine" not in handler.title and f"which {framework} calls on the event loop" in handler.description
    assert handler.recommendation.startswith(f"{framework} calls the sync")


def test_fastapi_sync_endpoint_stays_in_the_threadpool(tmp_path):
    """A FastAPI sync `def` endpoint runs in the threadpool: its blocking call is no RA301."""
    (tmp_path / "api.py").write_text(
        "import requests\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.get('/users/{name}')\ndef user(name: str) -> dict:\n"
        "    return requests.get(f'https://users.example.com/{name}', timeout=5).json()\n", encoding="utf-8")
    assert [f for f in assess(tmp_path).findings if f.rule == "RA301"] == []


def test_loop_started_from_a_sync_tornado_handler(tmp_path):
    """RA881: a sync verb method Tornado calls on the IOLoop that starts a loop through a helper
    raises as a coroutine would; the same helper in a `@run_on_executor` method runs in a thread."""
    (tmp_path / "web.py").write_text(
        "import asyncio\nfrom concurrent.futures import ThreadPoolExecutor\n\n"
        "from tornado.concurrent import run_on_executor\nfrom tornado.web import Application, RequestHandler\n\n\n"
        "async def fetch() -> int:\n    return 1\n\n\n"
        "def fetch_now() -> int:\n    return asyncio.run(fetch())\n\n\n"
        "class CountHandler(RequestHandler):\n    def get(self) -> None:\n        self.write(str(fetch_now()))\n\n\n"
        "class ExportHandler(RequestHandler):\n    executor = ThreadPoolExecutor(1)\n\n"
        "    @run_on_executor\n    def post(self) -> None:\n        fetch_now()\n\n\n"
        "app = Application([(r'/count', CountHandler), (r'/export', ExportHandler)])\n", encoding="utf-8")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA881"]
    assert [(f.location.path, f.location.start_line) for f in found] == [("web.py", 13)]
    assert "`CountHandler.get`" in found[0].description and "ExportHandler" not in found[0].description


def test_path_check_then_use_in_a_run_on_executor_handler(tmp_path):
    """RA309: a `@run_on_executor` handler runs in a worker thread per request, so its existence check
    then `makedirs` interleaves with itself; the same code in a sync handler Tornado calls on the IOLoop
    (nothing interleaves there) stays silent."""
    (tmp_path / "web.py").write_text(
        "import os\nfrom concurrent.futures import ThreadPoolExecutor\n\n"
        "from tornado.concurrent import run_on_executor\nfrom tornado.web import Application, RequestHandler\n\n\n"
        "def ensure(folder: str) -> None:\n    if not os.path.exists(folder):\n        os.makedirs(folder)\n\n\n"
        "class UploadHandler(RequestHandler):\n    executor = ThreadPoolExecutor(4)\n\n"
        "    @run_on_executor\n    def post(self) -> None:\n        ensure(self.get_argument('folder'))\n\n\n"
        "def prepare(folder: str) -> None:\n    if not os.path.isdir(folder):\n        os.mkdir(folder)\n\n\n"
        "class PrepareHandler(RequestHandler):\n    def post(self) -> None:\n"
        "        prepare(self.get_argument('folder'))\n\n\n"
        "app = Application([(r'/upload', UploadHandler), (r'/prepare', PrepareHandler)])\n", encoding="utf-8")
    found = [f for f in assess(tmp_path).findings if f.rule == "RA309"]
    assert [(f.location.path, f.location.start_line) for f in found] == [("web.py", 9)]
    assert "in a worker thread" in found[0].description and "FastAPI" not in found[0].description
