from contextlib import asynccontextmanager

from fastapi import FastAPI, UploadFile

from files.storage import FileStore

store = FileStore("https://s3.internal", "uploads")


@asynccontextmanager
async def lifespan(app: FastAPI):
    await store.start()
    yield
    await store.close()


app = FastAPI(lifespan=lifespan)


@app.put("/files/{key}")
async def upload(key: str, file: UploadFile) -> dict:
    await store.put(key, await file.read())
    return {"stored": key}


@app.delete("/files/{key}")
async def remove(key: str) -> dict:
    await store.delete(key)
    return {"deleted": key}
