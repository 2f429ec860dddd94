"""Photo uploads."""
import asyncio

from fastapi import FastAPI, UploadFile

from gallery.imaging import average_hash, grey_preview, make_avatar, make_thumbnail, photo_format

app = FastAPI()
_thumbnails: dict[str, bytes] = {}


@app.post("/photos/{name}")
async def upload_photo(name: str, file: UploadFile) -> dict[str, int]:
    data = await file.read()
    _thumbnails[name] = make_thumbnail(data)  # expect: blocking-cpu-in-async
    return {"bytes": len(_thumbnails[name])}


@app.post("/avatars/{name}")
async def upload_avatar(name: str, file: UploadFile) -> dict[str, int]:
    data = await file.read()
    avatar = await asyncio.to_thread(make_avatar, data)
    return {"bytes": len(avatar)}


@app.post("/photos/{name}/format")
async def sniff(name: str, file: UploadFile) -> dict[str, str]:
    return {"format": photo_format(await file.read())}


@app.post("/photos/{name}/hash")
async def fingerprint(name: str, file: UploadFile) -> dict[str, str]:
    data = await file.read()
    return {"hash": average_hash(data)}  # expect: blocking-cpu-in-async


@app.post("/photos/{name}/grey")
async def preview(name: str, file: UploadFile) -> dict[str, int]:
    data = await file.read()
    return {"bytes": len(await asyncio.to_thread(grey_preview, data))}
