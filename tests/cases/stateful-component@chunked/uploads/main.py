from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from uploads.service import ChunkedUploads, Digests


class ObjectStore:
    async def put(self, key: str, data: bytes) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.uploads = ChunkedUploads(ObjectStore(), max_bytes=50_000_000)
    app.state.digests = Digests()
    yield


app = FastAPI(lifespan=lifespan)


@app.put("/uploads/{upload_id}")
async def upload_chunk(upload_id: str, request: Request) -> dict[str, int]:
    return {"received": await app.state.uploads.append(upload_id, await request.body())}


@app.post("/uploads/{upload_id}/complete")
async def complete(upload_id: str) -> dict[str, str]:
    return {"digest": await app.state.uploads.complete(upload_id)}


@app.post("/digest/{key}")
async def digest(key: str, request: Request) -> dict[str, str]:
    return {"digest": await app.state.digests.digest(key, [await request.body()])}
