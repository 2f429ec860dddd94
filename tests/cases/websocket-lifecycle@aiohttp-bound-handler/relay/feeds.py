"""Live ticket feeds: each plugin registers its socket route on the relay's app when it starts."""
import json

from aiohttp import WSMsgType, web


class TicketFeed:
    """One object per relay; every client socket is served by its bound handler."""

    def __init__(self, relay=None) -> None:
        self.relay = relay
        self.clients = {}

    async def start(self) -> None:
        self.relay.server.web_app.router.add_get("/feed/{desk}", self.serve)

    async def serve(self, request):
        desk = request.match_info["desk"]
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.clients[desk] = ws  # expect: websocket-lifecycle
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                await self.relay.dispatch(json.loads(msg.data))
        self.clients.pop(desk, None)
        return ws


class GuardedFeed:
    """The same registry, released in `finally`."""

    def __init__(self, relay=None) -> None:
        self.relay = relay
        self.clients = {}

    async def start(self) -> None:
        self.relay.server.web_app.router.add_get("/guarded/{desk}", self.serve)

    async def serve(self, request):
        desk = request.match_info["desk"]
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.clients[desk] = ws
        try:
            async for msg in ws:
                await self.relay.dispatch(json.loads(msg.data))
        finally:
            self.clients.pop(desk, None)
        return ws


class CatchingFeed:
    """Released both after the loop and in an `except Exception` that re-raises."""

    def __init__(self, relay=None) -> None:
        self.relay = relay
        self.clients = {}

    async def start(self) -> None:
        self.relay.server.web_app.router.add_get("/catching/{desk}", self.serve)

    async def serve(self, request):
        desk = request.match_info["desk"]
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.clients[desk] = ws
        try:
            async for msg in ws:
                await self.relay.dispatch(json.loads(msg.data))
        except Exception:
            self.clients.pop(desk, None)
            raise
        self.clients.pop(desk, None)
        return ws


class DeskView(web.View):
    """A view is made per request: its own attributes are not shared between connections."""

    async def get(self):
        self.sockets = {}
        ws = web.WebSocketResponse()
        await ws.prepare(self.request)
        self.sockets["desk"] = ws
        async for msg in ws:
            await ws.send_str(msg.data)
        self.sockets.pop("desk", None)
        return ws


def add_views(server) -> None:
    server.web_app.router.add_view("/desk-view", DeskView)


class SwallowingFeed:
    """The loop sits in a `try` whose `except Exception` logs and falls through to the release."""

    def __init__(self, relay=None) -> None:
        self.relay = relay
        self.clients = []

    async def start(self) -> None:
        self.relay.server.web_app.router.add_get("/swallowing", self.serve)

    async def serve(self, request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.clients.append(ws)
        try:
            async for msg in ws:
                await self.relay.dispatch(json.loads(msg.data))
        except Exception as exc:
            await self.relay.report(exc)
        self.clients.remove(ws)
        return ws


class ReraisingFeed:
    """The `except Exception` re-raises: the release after the `try` is skipped on an error."""

    def __init__(self, relay=None) -> None:
        self.relay = relay
        self.clients = []

    async def start(self) -> None:
        self.relay.server.web_app.router.add_get("/reraising", self.serve)

    async def serve(self, request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.clients.append(ws)  # expect: websocket-lifecycle
        try:
            async for msg in ws:
                await self.relay.dispatch(json.loads(msg.data))
        except Exception as exc:
            await self.relay.report(exc)
            raise
        self.clients.remove(ws)
        return ws
