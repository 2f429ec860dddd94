import asyncpg
from fastapi import FastAPI, HTTPException, UploadFile

from storage.quota import add_usage, quota_and_usage

app = FastAPI()


class Blobs:
    async def put(self, name: str, data: bytes) -> None: ...


blobs = Blobs()


@app.post("/tenants/{tenant_id}/files")
async def upload(tenant_id: int, file: UploadFile) -> None:
    data = await file.read()
    conn = await asyncpg.connect("postgresql://localhost/files")
    quota, used = await quota_and_usage(conn, tenant_id)
    if used + len(data) > quota:  # expect: race-condition
        raise HTTPException(413, "quota exceeded")
    await blobs.put(file.filename, data)
    await add_usage(conn, tenant_id, len(data))
