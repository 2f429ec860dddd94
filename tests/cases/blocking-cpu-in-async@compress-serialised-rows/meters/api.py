"""Telemetry archive downloads."""
import json
import zlib

from fastapi import APIRouter, Depends
from fastapi.responses import Response

from meters.deps import get_repo

router = APIRouter()


@router.get("/devices/{device_id}/archive")
async def archive(device_id: int, chunks: int = 20, repo=Depends(get_repo)) -> Response:
    blobs: list[bytes] = []
    cursor = None
    for _ in range(chunks):
        rows = await repo.history_before(device_id, cursor, 5000)
        if not rows:
            break
        payload = [r.model_dump(mode="json") for r in rows]
        blobs.append(zlib.compress(json.dumps(payload).encode(), 9))  # expect: blocking-cpu-in-async
        cursor = rows[-1].ts
    return Response(content=b"".join(blobs), media_type="application/octet-stream")


@router.get("/devices/{device_id}/settings")
async def settings_blob(device_id: int, repo=Depends(get_repo)) -> Response:
    device = await repo.device(device_id)
    payload = {"id": device_id, "name": device.name, "tariff": device.tariff}
    return Response(content=zlib.compress(json.dumps(payload).encode()), media_type="application/octet-stream")


@router.get("/devices/{device_id}/labels")
async def labels_blob(device_id: int) -> Response:
    labels = [f"channel-{n}" for n in ("a", "b", "c")]
    return Response(content=zlib.compress(json.dumps(labels).encode()), media_type="application/octet-stream")
