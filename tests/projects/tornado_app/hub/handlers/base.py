"""The project's base handler: not routed itself."""
from tornado.web import RequestHandler


class BaseHandler(RequestHandler):
    async def prepare(self) -> None:
        self.current = None

    def write_error(self, status_code: int, **kwargs) -> None:
        self.finish({"status": status_code})
