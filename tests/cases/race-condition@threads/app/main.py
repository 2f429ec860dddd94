"""Routes over the image store and the tenant cache, built once at import."""
from pathlib import Path

from fastapi import FastAPI

from app.services.images import Images
from app.services.tenants import TenantCache
from app.utils import blobs

app = FastAPI()
images = Images(Path("/srv/images"))
tenants = TenantCache(db=None)


@app.post("/images")
async def upload(data: bytes) -> dict:
    return {"path": str(await images.publish(data))}


@app.post("/images/safe")
async def upload_safely(data: bytes) -> dict:
    return {"path": str(await images.publish_safely(data))}


@app.get("/images/{digest}")
async def download(digest: str) -> bytes | None:
    return await images.fetch(digest)


@app.post("/images/sync")
def upload_sync(data: bytes) -> dict:
    return {"path": str(blobs.store_blob(Path("/srv/images/latest.bin"), data))}


@app.get("/tenants/{tenant_id}")
async def tenant(tenant_id: str) -> dict:
    return {**await tenants.get(tenant_id), **await tenants.get_by_slot(tenant_id),
            **await tenants.get_unlocked(tenant_id)}
