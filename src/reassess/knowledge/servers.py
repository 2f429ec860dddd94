"""aiohttp.web server vocabulary: the application and route-table types, the calls that hang
routes and sub-applications on them, and the signals that run code at startup and shutdown.

The routing model reads these to give aiohttp handlers the same route, websocket and
lifecycle entry points FastAPI's produce (the names are aiohttp's public API, which the
resolver spells as `aiohttp.web.<name>` or by the defining module).
"""
from __future__ import annotations

AIOHTTP_APP_TYPES = ("aiohttp.web.Application", "aiohttp.web_app.Application")
# `routes = web.RouteTableDef()`: a list of routes an app takes with `app.add_routes(routes)`
AIOHTTP_TABLE_TYPES = ("aiohttp.web.RouteTableDef", "aiohttp.web_routedef.RouteTableDef")
# `web.get("/x", handler)` and the like inside `add_routes([...])`; `route(method, path, handler)`
ROUTE_DEF_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")
ROUTE_DEF_MODULES = ("aiohttp.web", "aiohttp.web_routedef", "aiohttp")
# `app.router.add_get("/x", handler)`: the verb each adder registers
ROUTER_ADDERS = {f"add_{verb}": verb.upper() for verb in ROUTE_DEF_VERBS}
# the calls that register on an aiohttp app or its router (besides the FastAPI ones routing knows)
APP_REGISTRATIONS = ("add_routes", "add_subapp", "add_view", *ROUTER_ADDERS)
# `class OrderView(web.View)`: aiohttp makes one per request and calls the method named after its verb
AIOHTTP_VIEW_TYPES = ("aiohttp.web.View", "aiohttp.web_urldispatcher.View")
# a handler that answers with a websocket
WEBSOCKET_RESPONSES = ("aiohttp.web.WebSocketResponse", "aiohttp.web_ws.WebSocketResponse")
# aiohttp websockets that `async for msg in ws:` reads message by message, as the peer sends them
SOCKET_STREAMS = (*WEBSOCKET_RESPONSES, "aiohttp.ClientWebSocketResponse", "aiohttp.ClientSession.ws_connect")
# `app.on_startup.append(hook)`: the entry kind each signal's callbacks are (a cleanup context runs
# its code before `yield` at startup and the rest at shutdown, like a lifespan)
SIGNALS = {"on_startup": "startup", "on_cleanup": "shutdown", "on_shutdown": "shutdown", "cleanup_ctx": "lifespan"}
SIGNAL_ADDS = ("append", "extend", "insert")
# calls that start serving an application (`web.run_app(app)`, `AppRunner(app)` then a site)
SERVER_STARTS = ("aiohttp.web.run_app", "aiohttp.web.AppRunner", "aiohttp.web_runner.AppRunner",
                 "aiohttp.web_app.run_app")

# aiohttp's method constants (`hdrs.METH_POST` is "POST"; `hdrs.METH_ANY` is "*", every method)
METHOD_PREFIX = "METH_"
METHOD_ANY = "METH_ANY"
