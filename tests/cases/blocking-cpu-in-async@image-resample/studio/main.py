"""Upload endpoints."""
from fastapi import FastAPI, UploadFile

from studio.branding import BrandingService

app = FastAPI()
branding = BrandingService()


@app.post("/logo")
async def upload_logo(file: UploadFile) -> dict[str, int]:
    return {"bytes": len(await branding.process_logo(await file.read()))}


@app.post("/mosaic")
async def upload_frames(files: list[UploadFile]) -> dict[str, int]:
    frames = [await f.read() for f in files]
    return {"bytes": len(await branding.mosaic(frames))}


@app.post("/preview")
async def upload_preview(file: UploadFile) -> dict[str, int]:
    return {"bytes": len(await branding.preview(await file.read()))}
