from fastapi import FastAPI, Header, HTTPException, Request

from archive.uploads import ArchiveUploads

app = FastAPI()
uploads = ArchiveUploads(b"secret")


@app.put("/archives/{upload_id}/parts")
async def add_part(upload_id: str, request: Request) -> None:
    await uploads.add_part(upload_id, await request.body())


@app.post("/archives/{upload_id}/finish")
async def finish(upload_id: str, sha256: str) -> dict[str, int]:
    return {"size": len(await uploads.finish(upload_id, sha256))}


@app.post("/archives/{upload_id}/finish-offloaded")
async def finish_offloaded(upload_id: str, sha256: str) -> dict[str, int]:
    return {"size": len(await uploads.finish_offloaded(upload_id, sha256))}


@app.post("/archives/{upload_id}/finish-streamed")
async def finish_streamed(upload_id: str, sha256: str) -> dict[str, int]:
    return {"size": len(await uploads.finish_streamed(upload_id, sha256))}


@app.get("/archives/key")
async def key(names: str) -> dict[str, str]:
    return {"key": await uploads.cache_key(names.split(","))}


@app.post("/archives/hook")
async def hook(request: Request, x_signature: str = Header()) -> None:
    if not await uploads.signed(await request.body(), x_signature):
        raise HTTPException(401)
