"""Module-level handlers, a websocket, a Router with a prefix, and the app's hooks."""
import litestar
from litestar import Litestar, Router, websocket, websocket_listener, WebSocket

from .controllers.orders import OrderController


@litestar.get("/health")
def health() -> dict:
    return {"ok": True}


@websocket("/ws/prices")
async def prices(socket: WebSocket) -> None:
    await socket.accept()
    await socket.send_text("hi")


@websocket_listener("/ws/echo")
async def echo(data: str) -> str:
    return data


async def open_pool(app: Litestar) -> None:
    return None


async def close_pool(app: Litestar) -> None:
    return None


api = Router(path="/api/v1", route_handlers=[OrderController, health])

app = Litestar(route_handlers=[api, prices, echo], on_startup=[open_pool], on_shutdown=[close_pool])
