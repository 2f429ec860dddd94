"""The application: tables from the handler package, a `url()` row, a websocket and a periodic task."""
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.websocket import WebSocketHandler

from . import handlers


class EventsSocket(WebSocketHandler):
    def open(self) -> None:
        self.write_message("hello")

    async def on_message(self, message: str) -> None:
        await self.write_message(message)

    def on_close(self) -> None:
        return None


class HealthHandler(web.RequestHandler):
    def get(self) -> None:
        self.write("ok")


async def cull() -> None:
    return None


def make_app() -> web.Application:
    routes = list(handlers.default_handlers)
    routes.append((r"/ws/events", EventsSocket))
    return web.Application(routes + [web.url(r"/health", HealthHandler, name="health")])


def main() -> None:
    app = make_app()
    app.listen(8000)
    PeriodicCallback(cull, 60_000).start()
    IOLoop.current().start()
