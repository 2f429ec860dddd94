"""An endpoint object owning a sub-application; its bound methods are the handlers."""
from aiohttp import web


class EventBus:
    def __init__(self) -> None:
        self.history: list[str] = []


class EventsEndpoint:
    def __init__(self, bus: EventBus) -> None:
        self.bus = bus
        self.app = web.Application()
        self.app.add_routes([web.get("", self.list_events), web.get("/stream", self.stream)])

    async def list_events(self, request: web.Request) -> web.Response:
        return web.json_response(self.bus.history)

    async def stream(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        for event in self.bus.history:
            await ws.send_str(event)
        return ws
