from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse

from vault.reports import ReportShelf, Thumbnailer
from vault.uploads import PartSpool

spool = PartSpool("/var/spool/vault")
shelf = ReportShelf("/var/lib/vault/reports")
thumbs = Thumbnailer("/tmp/thumbs")


async def nightly_reports() -> None:
    for account_id in (1, 2, 3):
        await shelf.render(account_id, b"%PDF")


@asynccontextmanager
async def lifespan(app: FastAPI):
    import asyncio
    task = asyncio.create_task(nightly_reports())
    yield
    task.cancel()


app = FastAPI(lifespan=lifespan)


@app.put("/uploads/{upload_id}/parts/{number}")
async def put_part(upload_id: str, number: int, request: Request) -> dict:
    spool.put_part(upload_id, number, await request.body())
    return {"ok": True}


@app.post("/uploads/{upload_id}/complete")
async def complete(upload_id: str) -> dict:
    return {"size": len(spool.stitch(upload_id))}


@app.get("/reports/{account_id}")
async def download(account_id: int):
    path = shelf.location(account_id)
    return FileResponse(path) if path else {"missing": True}


@app.post("/thumbs/{name}")
async def thumb(name: str, request: Request) -> dict:
    return {"size": len(thumbs.shrink(name, await request.body()))}
