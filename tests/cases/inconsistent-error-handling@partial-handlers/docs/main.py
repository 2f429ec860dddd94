from __future__ import annotations

import time
from functools import partial

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from docs.errors import LinkExpired, ProviderError, UnsupportedUpload
from docs.store import DocStore

store = DocStore()


def create_app() -> FastAPI:
    app = FastAPI()

    async def provider_error(request: Request, exc: ProviderError) -> JSONResponse:
        return JSONResponse({"error": exc.message}, status_code=exc.status_code)

    async def with_status(request: Request, exc: Exception, code: int) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=code)

    answer_415 = partial(with_status, code=415)
    answer_410 = partial(with_status, code=410)
    app.add_exception_handler(ProviderError, provider_error)
    app.add_exception_handler(UnsupportedUpload, answer_415)
    app.add_exception_handler(LinkExpired, answer_410)

    @app.post("/docs/{name}")
    async def upload(name: str, content_type: str) -> dict:
        return {"name": await store.upload(name, content_type)}

    @app.get("/links/{token}")
    async def open_link(token: str) -> dict:
        return {"doc": await store.open_link(token, time.time())}

    return app


app = create_app()
