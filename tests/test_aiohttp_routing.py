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


def test_routes_of_a_project_decorator_registrar_looped_into_add_route(tmp_path):
    """`@Route.get("/x")` whose inner `register(func)` appends `(method, path, wrapper)` to a class
    list that the server walks with `for m, p, h in Route.get_routes(): app.router.add_route(m, p, h)`:
    each decorated function is a route. A look-alike decorator appending to a list nobody routes adds
    nothing, nor does a loop over tuples that never reaches add_route."""
    pkg = tmp_path / "svc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "route.py").write_text(
        "import functools\n\n\n"
        "class Route:\n"
        "    _routes = []\n\n"
        "    @classmethod\n"
        "    def get(cls, path, **kw):\n"
        "        return cls._route('GET', path, **kw)\n\n"
        "    @classmethod\n"
        "    def post(cls, path, **kw):\n"
        "        return cls._route('POST', path, **kw)\n\n"
        "    @classmethod\n"
        "    def _route(cls, method, path, **kw):\n"
        "        def register(func):\n"
        "            @functools.wraps(func)\n"
        "            async def wrapper(request):\n"
        "                return await func(request)\n"
        "            cls._routes.append((method, path, wrapper))\n"
        "            return wrapper\n"
        "        return register\n\n"
        "    @classmethod\n"
        "    def get_routes(cls):\n"
        "        return cls._routes\n\n\n"
        "class Audit:\n"
        "    _seen = []\n\n"
        "    @classmethod\n"
        "    def mark(cls, label):\n"
        "        def register(func):\n"
        "            cls._seen.append((label, func))\n"
        "            return func\n"
        "        return register\n")
    (pkg / "handlers.py").write_text(
        "from aiohttp import web\n\n"
        "from .route import Audit, Route\n\n\n"
        "class ProjectHandler:\n"
        "    @Route.get('/projects')\n"
        "    async def list_projects(request):\n"
        "        return web.json_response([])\n\n"
        "    @Route.post('/projects/{project_id}')\n"
        "    async def update_project(request):\n"
        "        return web.json_response({})\n\n"
        "    @Route.get('/notifications/ws')\n"
        "    async def notifications(request):\n"
        "        ws = web.WebSocketResponse()\n"
        "        await ws.prepare(request)\n"
        "        return ws\n\n"
        "    @Audit.mark('internal')\n"
        "    async def audited(request):\n"
        "        return None\n")
    (pkg / "server.py").write_text(
        "from aiohttp import web\n\n"
        "from . import handlers\n"
        "from .route import Route\n\n"
        "JOBS = [('a', 1), ('b', 2)]\n\n\n"
        "def describe(name, size):\n"
        "    return name * size\n\n\n"
        "def make_app():\n"
        "    app = web.Application()\n"
        "    for method, path, handler in Route.get_routes():\n"
        "        app.router.add_route(method, path, handler)\n"
        "    for name, size in JOBS:\n"
        "        describe(name, size)\n"
        "    return app\n")
    app = build_model(tmp_path).app
    http = {(",".join(e.methods), e.route, e.function) for e in app.of_kind("http")}
    assert http == {
        ("GET", "/projects", "svc.handlers.ProjectHandler.list_projects"),
        ("POST", "/projects/{project_id}", "svc.handlers.ProjectHandler.update_project"),
    }
    assert {(e.route, e.function) for e in app.of_kind("websocket")} == {
        ("/notifications/ws", "svc.handlers.ProjectHandler.notifications")}
    assert {e.details["framework"] for e in app.of_kind("http")} == {"aiohttp"}


def test_routes_passed_as_tuples_to_a_project_server_helper(tmp_path):
    """A helper that walks a parameter `for method, path, handler in self._routes: add_route(...)`:
    the routes are the tuples its callers pass - a literal list, or a local list they append to -
    and a handler that builds its WebSocketResponse in a client class it creates is a websocket.
    A helper walking tuples of the same shape without add_route registers nothing."""
    pkg = tmp_path / "svc"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "helper.py").write_text(
        "from aiohttp import web\n\n\n"
        "class Server:\n"
        "    async def setup(self, port, static_routes=None):\n"
        "        self._routes = static_routes\n"
        "        self._app = web.Application()\n"
        "        if self._routes:\n"
        "            for method, path, handler in self._routes:\n"
        "                self._app.router.add_route(method, path, handler)\n"
        "        runner = web.AppRunner(self._app)\n"
        "        await runner.setup()\n\n\n"
        "def log_all(entries):\n"
        "    for method, path, handler in entries:\n"
        "        print(method, path, handler)\n")
    (pkg / "controllers.py").write_text(
        "from aiohttp import web\n\n"
        "from .helper import Server, log_all\n\n\n"
        "class Client:\n"
        "    def __init__(self, request):\n"
        "        self.request = request\n"
        "        self.ws = web.WebSocketResponse()\n\n"
        "    async def run(self):\n"
        "        await self.ws.prepare(self.request)\n"
        "        return self.ws\n\n\n"
        "class Api:\n"
        "    def __init__(self):\n"
        "        self._server = Server()\n\n"
        "    async def setup(self):\n"
        "        routes = []\n"
        "        routes.append(('GET', '/info', self.info))\n"
        "        routes.append(('GET', '/ws', self.ws))\n"
        "        await self._server.setup(8095, static_routes=routes)\n"
        "        log_all([('GET', '/hidden', self.hidden)])\n\n"
        "    async def info(self, request):\n"
        "        return web.json_response({})\n\n"
        "    async def ws(self, request):\n"
        "        return await Client(request).run()\n\n"
        "    async def hidden(self, request):\n"
        "        return web.json_response({})\n\n\n"
        "class Streams:\n"
        "    def __init__(self):\n"
        "        self._server = Server()\n\n"
        "    async def setup(self):\n"
        "        await self._server.setup(8097, static_routes=[\n"
        "            ('*', '/flow/{queue_id}', self.flow),\n"
        "        ])\n\n"
        "    async def flow(self, request):\n"
        "        return web.Response()\n")
    app = build_model(tmp_path).app
    http = {(",".join(e.methods), e.route, e.function) for e in app.of_kind("http")}
    assert http == {
        ("GET", "/info", "svc.controllers.Api.info"),
        ("*", "/flow/{queue_id}", "svc.controllers.Streams.flow"),
    }
    assert {(e.route, e.function) for e in app.of_kind("websocket")} == {("/ws", "svc.controllers.Api.ws")}


def test_routes_on_the_app_of_a_host_handed_in_untyped(tmp_path):
    """A plugin given its host untyped (`Plugin(config, host=None)`, made by a loader nothing
    follows) registers on `self.host.server.web_app.router`: the app is the one aiohttp app a project
    class keeps as `web_app`. A receiver the resolver does type to something else stays unowned."""
    pkg = tmp_path / "bot"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "server.py").write_text(
        "from aiohttp import web\n\n\n"
        "class Server:\n"
        "    def __init__(self):\n"
        "        self.web_app = web.Application()\n"
        "        self.web_app.router.add_get('/health', self.health)\n\n"
        "    async def health(self, request):\n"
        "        return web.json_response({})\n")
    (pkg / "plugin.py").write_text(
        "from aiohttp import web\n\n\n"
        "class Plugin:\n"
        "    def __init__(self, config, host=None):\n"
        "        self.host = host\n\n"
        "    async def connect(self):\n"
        "        self.host.server.web_app.router.add_post('/plugin/hook', self.hook)\n\n"
        "    async def hook(self, request):\n"
        "        return web.Response()\n")
    (pkg / "other.py").write_text(
        "class Registry:\n"
        "    def __init__(self):\n"
        "        self.web_app = Table()\n\n\n"
        "class Table:\n"
        "    def __init__(self):\n"
        "        self.router = Rows()\n\n\n"
        "class Rows:\n"
        "    def add_get(self, key, value):\n"
        "        return None\n\n\n"
        "def fill(registry: Registry, handler):\n"
        "    registry.web_app.router.add_get('/not-a-route', handler)\n")
    app = build_model(tmp_path).app
    assert {(e.route, e.function) for e in app.of_kind("http")} == {
        ("/health", "bot.server.Server.health"),
        ("/plugin/hook", "bot.plugin.Plugin.hook"),
    }


def test_handler_returning_what_a_websocket_helper_answers_is_a_websocket(tmp_path):
    """`return await node.open_console(request)`, the node looked up on an untyped manager: the
    method of that name makes the `WebSocketResponse`, so the route is a websocket. A proxy that
    calls such a helper only for upgrade requests, and answers plain HTTP otherwise, stays http."""
    pkg = tmp_path / "lab"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "nodes.py").write_text(
        "from aiohttp import web\n\n\n"
        "class Node:\n"
        "    async def open_console(self, request):\n"
        "        ws = web.WebSocketResponse()\n"
        "        await ws.prepare(request)\n"
        "        return ws\n")
    (pkg / "app.py").write_text(
        "from aiohttp import web\n\n\n"
        "class Handlers:\n"
        "    def __init__(self, manager):\n"
        "        self.manager = manager\n\n"
        "    async def console(self, request):\n"
        "        node = self.manager.get_node(request.match_info['id'])\n"
        "        return await node.open_console(request)\n\n"
        "    async def proxy(self, request):\n"
        "        if request.headers.get('Upgrade') == 'websocket':\n"
        "            node = self.manager.get_node('x')\n"
        "            return await node.open_console(request)\n"
        "        return web.Response(text='plain')\n\n\n"
        "def make_app(manager):\n"
        "    app = web.Application()\n"
        "    handlers = Handlers(manager)\n"
        "    app.router.add_get('/nodes/{id}/console', handlers.console)\n"
        "    app.router.add_get('/proxy', handlers.proxy)\n"
        "    return app\n")
    app = build_model(tmp_path).app
    assert {(e.route, e.function) for e in app.of_kind("websocket")} == {
        ("/nodes/{id}/console", "lab.app.Handlers.console")}
    assert {(e.route, e.function) for e in app.of_kind("http")} == {("/proxy", "lab.app.Handlers.proxy")}
