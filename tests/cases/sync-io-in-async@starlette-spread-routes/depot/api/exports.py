"""Stock exports written to and served from the shared volume."""
import asyncio
import os

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

EXPORT_DIR = "/srv/depot/exports"


def _write(path: str, body: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(body)


async def upload_export(request: Request) -> JSONResponse:
    body = await request.body()
    path = os.path.join(EXPORT_DIR, request.path_params["name"])
    with open(path, "wb") as fh:  # expect: sync-io-in-async
        fh.write(body)
    return JSONResponse({"bytes": len(body)}, status_code=201)


async def replace_export(request: Request) -> JSONResponse:
    body = await request.body()
    await asyncio.to_thread(_write, os.path.join(EXPORT_DIR, request.path_params["name"]), body)
    return JSONResponse({"bytes": len(body)})


def download_export(request: Request) -> Response:
    path = os.path.join(EXPORT_DIR, request.path_params["name"])
    with open(path, "rb") as fh:  # a sync endpoint: Starlette runs it in its threadpool
        return Response(fh.read(), media_type="text/csv")


routes = [
    Route("/exports/{name}", upload_export, methods=["POST"]),
    Route("/exports/{name}", replace_export, methods=["PUT"]),
    Route("/exports/{name}", download_export, methods=["GET"]),
]
