from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from hooks.container import AckService, Container, container


async def command_ack(request: Request) -> Response:
    payload = await request.json()
    container(request).acks.resolve_ack(payload)  # expect: unawaited-coroutine
    return Response(status_code=204)


async def command_ack_awaited(request: Request) -> Response:
    payload = await request.json()
    await container(request).acks.resolve_ack(payload)
    return Response(status_code=204)


async def pending(request: Request) -> JSONResponse:
    container(request).acks.pending()
    return JSONResponse({"pending": container(request).acks.pending()})


app = Starlette(routes=[
    Route("/ack", command_ack, methods=["POST"]),
    Route("/ack2", command_ack_awaited, methods=["POST"]),
    Route("/pending", pending),
])
app.state.container = Container(acks=AckService())
