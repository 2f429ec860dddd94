import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from app.poller import refresh_forever
from app.worker import report, sync_forever


class Source:
    async def sync(self) -> int:
        return 0

    async def count(self) -> int:
        return 0

    async def refresh(self) -> None:
        return None

    async def compact(self) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    source = Source()
    task = asyncio.create_task(sync_forever(source))
    other = asyncio.create_task(refresh_forever(source))
    yield
    task.cancel()
    other.cancel()


app = FastAPI(lifespan=lifespan)


@app.get("/report")
async def get_report() -> dict:
    await report(Source())
    return {}


@app.get("/count")
async def count() -> JSONResponse:
    try:
        return JSONResponse({"count": await Source().count()})
    except Exception:  # expect: logging-gap
        return JSONResponse({"count": None}, status_code=503)


@app.get("/count/explained")
async def count_explained() -> JSONResponse:
    try:
        return JSONResponse({"count": await Source().count()})
    except Exception as exc:
        return JSONResponse({"error": str(exc)}, status_code=503)
