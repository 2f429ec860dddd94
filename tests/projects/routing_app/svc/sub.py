from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route, WebSocketRoute


async def status(request):
    return JSONResponse({"ok": True})


async def info(request):
    return JSONResponse({"info": True})


async def sub_socket(websocket):
    await websocket.accept()


sub_app = Starlette(routes=[
    Route("/status", status),
    WebSocketRoute("/ws", sub_socket),
    Mount("/meta", routes=[Route("/info", info, methods=["GET", "POST"])]),
])
