from fastapi import FastAPI

from uploads.service import UploadService

app = FastAPI()
uploads = UploadService({})


@app.post("/uploads")
async def start(user_id: int, size: int) -> dict[str, str]:
    return {"id": uploads.start(user_id, size)}


@app.put("/uploads/{upload_id}")
async def add_part(upload_id: str, length: int) -> dict[str, int]:
    return {"received": uploads.add_part(upload_id, length)}


@app.post("/uploads/{upload_id}/finish")
async def finish(upload_id: str) -> dict[str, int]:
    return uploads.finish(upload_id)
