import asyncio
import json
import zlib

from fastapi import FastAPI, Request, UploadFile

from uploads.codec import decode_frames, decode_rows, unpack_cached

app = FastAPI()


@app.post("/frames")
async def frames(request: Request) -> int:
    return len(decode_frames(await request.body()))  # expect: blocking-cpu-in-async


@app.post("/rows")
async def rows(file: UploadFile) -> int:
    raw = await file.read()
    return len(await asyncio.to_thread(decode_rows, raw))


@app.post("/cache")
async def cache(request: Request) -> int:
    return len(unpack_cached(await request.body()))


@app.post("/inline")
async def inline(request: Request) -> int:
    body = await request.body()
    return len(json.loads(zlib.decompress(body)))  # expect: blocking-cpu-in-async
