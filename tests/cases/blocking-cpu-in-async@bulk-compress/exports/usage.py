"""Usage exports: the whole history of a tenant as a compressed CSV."""
import gzip
import json
import zlib

import asyncpg
from fastapi import APIRouter, Response

router = APIRouter()
pool: asyncpg.Pool
COLUMNS = ("id", "meter", "quantity", "recorded_at")


@router.get("/tenants/{tenant_id}/usage.csv.gz")
async def export_usage(tenant_id: int) -> Response:
    rows = await pool.fetch("SELECT id, meter, quantity, recorded_at FROM usage WHERE tenant_id = $1", tenant_id)
    csv_text = ",".join(COLUMNS) + "\n"
    for row in rows:
        csv_text += ",".join(str(row[c]) for c in COLUMNS) + "\n"
    body = gzip.compress(csv_text.encode(), compresslevel=9)  # expect: blocking-cpu-in-async
    return Response(body, media_type="application/gzip")


@router.get("/tenants/{tenant_id}/events.ndjson.z")
async def export_events(tenant_id: int) -> Response:
    rows = await pool.fetch("SELECT payload FROM events WHERE tenant_id = $1", tenant_id)
    data = b"\n".join(json.dumps(dict(r)).encode() for r in rows)
    return Response(zlib.compress(data), media_type="application/zlib")  # expect: blocking-cpu-in-async


@router.get("/tenants/{tenant_id}/summary.gz")
async def export_summary(tenant_id: int) -> Response:
    """One small document of unknown but bounded size: not worth a thread hop."""
    total = await pool.fetchval("SELECT sum(quantity) FROM usage WHERE tenant_id = $1", tenant_id)
    body = gzip.compress(json.dumps({"tenant": tenant_id, "total": total}).encode())
    return Response(body, media_type="application/gzip")


@router.get("/meters.gz")
async def export_meters() -> Response:
    text = ""
    for meter in ("api_calls", "storage_gb", "seats"):
        text += meter + "\n"
    return Response(gzip.compress(text.encode()), media_type="application/gzip")
