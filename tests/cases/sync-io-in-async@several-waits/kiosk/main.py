import asyncio

from fastapi import FastAPI, UploadFile

from kiosk.imaging import normalize_photo, prepare_photo, save_badge

app = FastAPI()


@app.post("/visitors/{visitor_id}/photo")
async def upload_photo(visitor_id: int, file: UploadFile) -> dict:
    raw = await file.read()
    photo = normalize_photo(raw, "/var/spool/kiosk")  # expect: sync-io-in-async
    return {"bytes": len(photo)}


@app.post("/visitors/{visitor_id}/photo/offloaded")
async def upload_photo_offloaded(visitor_id: int, file: UploadFile) -> dict:
    raw = await file.read()
    photo = await asyncio.to_thread(prepare_photo, raw)
    return {"bytes": len(photo)}


@app.post("/visitors/{visitor_id}/badge")
async def upload_badge(visitor_id: int, file: UploadFile) -> dict:
    save_badge(await file.read(), f"/var/lib/kiosk/badges/{visitor_id}.png")
    return {"saved": True}
