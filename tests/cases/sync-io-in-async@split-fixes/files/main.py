from fastapi import FastAPI, UploadFile

from files import uploads

app = FastAPI()


@app.post("/files")
async def upload(file: UploadFile) -> dict:
    return {"key": await uploads.store(await file.read())}


@app.post("/avatars")
async def avatar(file: UploadFile) -> dict:
    return {"key": await uploads.store_avatar(await file.read())}


@app.delete("/files/{key}")
async def delete(key: str) -> None:
    await uploads.remove(key)
