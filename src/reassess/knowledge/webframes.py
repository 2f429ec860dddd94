"""Litestar and Tornado server vocabulary: what makes a function or a method a route handler, how
each framework runs a sync handler, and the hooks that run at startup and shutdown.

Semantics the model relies on (from the frameworks' documentation and source):
- Litestar runs an `async def` handler on the event loop; a sync one runs in a worker thread only
  when declared with `sync_to_thread=True`, otherwise on the event loop itself (Litestar warns
  about a sync handler that does not say). The same holds for a `Provide(...)` dependency.
- Tornado calls every handler method (`get`, `post`, ..., `prepare`, a websocket's `open` and
  `on_message`) on the IOLoop thread, sync or async: unlike FastAPI, a sync method blocks the
  loop. Only `@run_on_executor` (or handing work to `run_in_executor`) takes it off.
"""
from __future__ import annotations

# `@get("/x")`, `@litestar.post(...)`: the handler decorators, as the resolver spells them
LITESTAR_MODULES = ("litestar", "litestar.handlers", "litestar.handlers.http_handlers",
                    "litestar.handlers.websocket_handlers")
LITESTAR_HTTP = {"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE", "head": "HEAD",
                 "route": "", "HTTPRouteHandler": ""}
LITESTAR_WEBSOCKET = ("websocket", "websocket_listener", "websocket_stream", "WebsocketRouteHandler",
                      "WebsocketListener")
LITESTAR_CONTROLLER = ("litestar.Controller", "litestar.controller.Controller")
LITESTAR_ROUTER = ("litestar.Router", "litestar.router.Router")
LITESTAR_APP = ("litestar.Litestar", "litestar.app.Litestar")
# An init plugin's `on_app_init(self, app_config: AppConfig)` gets the config the app is built from
# (before `Litestar(plugins=[...])` makes it); `app_config.route_handlers.extend([...])` (or
# `.append(x)`) registers handlers on the app itself, as `Litestar(route_handlers=[...])` does.
LITESTAR_APP_CONFIG = ("litestar.config.app.AppConfig", "litestar.AppConfig")
LITESTAR_INIT_HOOK = "on_app_init"
LITESTAR_HANDLER_LIST = "route_handlers"
# `Litestar(on_startup=[...], on_shutdown=[...], lifespan=[...])`: the entry kind of each list's callables
LITESTAR_HOOKS = {"on_startup": "startup", "on_shutdown": "shutdown", "lifespan": "lifespan"}
# The app's state object as handlers receive it (Litestar injects `state: State`): its attributes
# are what the app stored on `app.state`, as `request.app.state.x` reads them
APP_STATE_TYPES = frozenset({"litestar.datastructures.State", "litestar.datastructures.state.State",
                             "litestar.datastructures.ImmutableState", "starlette.datastructures.State"})

TORNADO_HANDLERS = ("tornado.web.RequestHandler",)
TORNADO_WEBSOCKETS = ("tornado.websocket.WebSocketHandler",)
# the methods Tornado calls per request (on the IOLoop thread)
TORNADO_VERBS = ("get", "post", "put", "patch", "delete", "head", "options")
TORNADO_PER_REQUEST = ("prepare",)
TORNADO_WEBSOCKET_METHODS = ("open", "on_message", "on_close")
# `Application([(r"/x", Handler), url(r"/y", Other)])`, `app.add_handlers(host, [...])`
TORNADO_APPS = ("tornado.web.Application",)
TORNADO_URL_SPECS = ("tornado.web.url", "tornado.web.URLSpec", "tornado.routing.URLSpec")
# a method decorated with this runs in the handler's executor, not on the IOLoop
TORNADO_OFFLOAD_DECORATORS = ("tornado.concurrent.run_on_executor",)
# `PeriodicCallback(callback, ms).start()`: the callback runs on the IOLoop every period
TORNADO_PERIODIC = ("tornado.ioloop.PeriodicCallback",)
# ----- framework coverage: which frameworks serve the code, as far as the model knows -------------
# Read from the imports of non-test modules (never by running code). A package counts when a module
# imports it or one of its submodules; `markers`, when given, are the qualified names (an import
# of, or an attribute read on, an imported name) that show the package is used to serve, not only
# as a client: `grpc` stubs call services, `grpc.server(...)` serves them.
#
# Frameworks whose entry points the model finds: package -> (display name, the `framework` the
# entries carry, markers). FastAPI/Starlette entries carry no framework ("").
RECOGNISED_FRAMEWORKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "fastapi": ("FastAPI", "", ()),
    "starlette.applications": ("FastAPI", "", ()),
    "starlette.routing": ("FastAPI", "", ()),
    "litestar": ("Litestar", "litestar", ()),
    "tornado.web": ("Tornado", "tornado", ()),
    "tornado.websocket": ("Tornado", "tornado", ()),
    "aiohttp.web": ("aiohttp", "aiohttp", ()),
    "socketio": ("python-socketio", "socketio", ("socketio.AsyncServer", "socketio.Server")),
    "celery": ("Celery", "celery", ()),
    "dramatiq": ("Dramatiq", "dramatiq", ()),
    "taskiq": ("Taskiq", "taskiq", ()),
    "arq": ("arq", "arq", ()),
    "saq": ("SAQ", "saq", ()),
    "litestar_saq": ("SAQ", "saq", ()),
    "rq": ("RQ", "rq", ()),
}
# entry `framework` -> display name: the frameworks above, and the schedulers whose jobs the model
# finds from their decorators or calls without a package of their own to import-check
ENTRY_FRAMEWORKS = {**{framework: name for name, framework, _ in RECOGNISED_FRAMEWORKS.values()},
                    "apscheduler": "APScheduler", "repeat_every": "fastapi-utils repeat_every",
                    "in-process": "in-process schedulers"}
# the route frameworks other than FastAPI/Starlette, as an entry's `framework` names them -> as a
# reader knows them (the review says which of them serve the routes)
FRAMEWORK_NAMES = {framework: ENTRY_FRAMEWORKS[framework] for framework in ("litestar", "tornado", "aiohttp", "socketio")}
# frameworks that call a sync handler (or a sync periodic callback) on the event loop itself, unlike
# FastAPI/Starlette, which run it in a threadpool: a blocking call there stalls the loop as in a coroutine
# framework -> (its name, the way to move a sync handler to a thread)
SYNC_ON_LOOP = {"tornado": (FRAMEWORK_NAMES["tornado"], "decorate it with `@run_on_executor`"),
                "litestar": (FRAMEWORK_NAMES["litestar"], "declare it with `sync_to_thread=True`"),
                # aiohttp wraps a plain-function handler in a coroutine that calls it (deprecated); no offload option
                "aiohttp": (FRAMEWORK_NAMES["aiohttp"], ""),
                # python-socketio's AsyncServer calls a plain-function handler directly; it has no offload option
                "socketio": ("python-socketio's AsyncServer", "")}

# Frameworks that serve code whose entry points this version does not recognise:
# package -> (display name, what its entry points are called, markers)
UNRECOGNISED_FRAMEWORKS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "django": ("Django", "views, URL patterns and management commands", ()),
    "flask": ("Flask", "views", ()),
    "quart": ("Quart", "views", ()),
    "sanic": ("Sanic", "route handlers", ()),
    "falcon": ("Falcon", "resources", ()),
    "bottle": ("Bottle", "routes", ()),
    "pyramid": ("Pyramid", "views", ()),
    "starlite": ("Starlite", "route handlers", ()),
    "blacksheep": ("BlackSheep", "route handlers", ()),
    "cherrypy": ("CherryPy", "exposed handlers", ()),
    "hug": ("hug", "routes", ()),
    "masonite": ("Masonite", "controllers", ()),
    "grpc": ("gRPC", "servicer methods", ("grpc.server", "grpc.aio.server")),
    "huey": ("Huey", "tasks", ()),
    "faust": ("Faust", "agents", ()),
    "nameko": ("Nameko", "service entry points", ()),
}
# the entry kinds counted per framework -> how the report names one and many of them
COVERAGE_KINDS = {"http": ("HTTP route", "HTTP routes"), "websocket": ("websocket endpoint", "websocket endpoints"),
                  "job": ("job", "jobs"), "command": ("API command", "API commands")}
