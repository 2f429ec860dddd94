"""aiohttp.web servers in the application model: routes from `add_routes` lists, router adders,
a RouteTableDef, class-based views, an endpoint object's sub-application mounted with
`add_subapp`, websocket handlers, middlewares and signal hooks (exact sets)."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_app_model import build_model

PROJECT = Path(__file__).parent / "projects" / "aiohttp_app"


@pytest.fixture(scope="module")
def app():
    return build_model(PROJECT).app


def test_routes_with_methods_paths_and_handlers(app):
    found = {(",".join(e.methods), e.route, e.function.rsplit(".", 1)[-1]) for e in app.of_kind("http")}
    assert found == {
        ("GET", "/health", "health"),  # add_routes([web.get(...)])
        ("POST", "/orders", "create_order"),
        ("*", "/echo", "echo"),  # web.route("*", ...)
        ("GET", "/carts/{cart_id}", "get"),  # web.view: one route per verb method of the view
        ("PUT", "/carts/{cart_id}", "put"),
        ("GET", "/items", "list_items"),  # app.router.add_get
        ("DELETE", "/items/{item_id}", "delete_item"),  # app.router.add_route(method, path, handler)
        ("GET", "/catalog", "catalog"),  # @routes.get on a RouteTableDef the app adds
        ("POST", "/catalog/{sku}", "update_sku"),
        ("GET", "/catalog/search", "get"),  # @routes.view on a class
        ("GET", "/api/events", "list_events"),  # bound method, sub-app mounted at "/api/events/"
    }
    assert all(e.details["mounted"] and e.runs_in == "event-loop" for e in app.of_kind("http"))
    assert app.unresolved == []


def test_websocket_handlers_are_websocket_entries(app):
    assert {(e.route, e.function) for e in app.of_kind("websocket")} == {
        ("/ws/prices", "shop.app.live_prices"),
        ("/api/events/stream", "shop.events.EventsEndpoint.stream"),
    }


def test_signals_and_middlewares_are_lifecycle_entries(app):
    assert {(e.kind, e.function) for e in app.of_kind("middleware", "startup", "shutdown", "lifespan")} == {
        ("middleware", "shop.app.audit"),
        ("startup", "shop.lifecycle.start_price_poller"),
        ("shutdown", "shop.lifecycle.close_pool"),
        ("lifespan", "shop.lifecycle.pool_context"),
    }


def test_task_started_by_a_startup_hook_is_a_worker(app):
    assert [e.function for e in app.of_kind("worker")] == ["shop.lifecycle.poll_prices"]


def test_apps_and_route_tables_with_their_mounts(app):
    assert {(r["name"], r["kind"], tuple(r["mounted_at"])) for r in app.routers} == {
        ("shop.app.create_app.app", "app", ("",)),
        ("shop.catalog.routes", "router", ("",)),  # a RouteTableDef: a router without prefix
        ("shop.events.EventsEndpoint.app", "app", ("/api/events",)),  # add_subapp drops the trailing slash
    }


def test_routes_on_an_app_passed_as_a_parameter_are_aiohttp_routes(tmp_path):
    """`def register(app: web.Application)` called with an app the routing cannot follow (looked up
    in a mapping): the routes have no known owner but are still aiohttp's, and a plain-function
    handler runs on the loop (aiohttp wraps it in a coroutine), not in a threadpool."""
    pkg = tmp_path / "svc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "api.py").write_text(
        "from aiohttp import hdrs, web\n\n\n"
        "class Api:\n"
        "    def __init__(self):\n"
        "        self.apps = {'v1': web.Application(), 'v2': web.Application()}\n\n"
        "    def load(self, version):\n"
        "        self._register(self.apps[version])\n\n"
        "    def _register(self, app: web.Application) -> None:\n"
        "        app.add_routes([web.get('/status', self.status), web.post('/reload', self.reload),\n"
        "                        web.route(hdrs.METH_ANY, '/proxy', self.status)])\n\n"
        "    async def status(self, request):\n"
        "        return web.json_response({})\n\n"
        "    def reload(self, request):\n"
        "        return web.json_response({})\n")
    app = build_model(tmp_path).app
    routes = {e.route: e for e in app.of_kind("http")}
    assert set(routes) == {"/status", "/reload", "/proxy"}
    assert routes["/proxy"].methods == ["*"]  # aiohttp's `hdrs.METH_ANY`
    assert {e.details["framework"] for e in routes.values()} == {"aiohttp"}
    assert routes["/reload"].runs_in == "event-loop"


def test_fastapi_sync_endpoint_still_runs_in_the_threadpool(tmp_path):
    (tmp_path / "main.py").write_text(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
        "@app.get('/ping')\ndef ping():\n    return {}\n")
    [entry] = build_model(tmp_path).app.of_kind("http")
    assert entry.details["framework"] == "" and entry.runs_in == "threadpool"
