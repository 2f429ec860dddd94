from __future__ import annotations

import csv
import io
from datetime import date

import asyncpg
from fastapi import APIRouter, Depends, Query
from fastapi.responses import StreamingResponse

from svc.routers.deps import require_role, services
from svc.utils.security import Principal

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/adjuster-workload")
async def adjuster_workload(svc=Depends(services), _: Principal = Depends(require_role("supervisor", "actuary"))):
    rows = await svc.reporting.adjuster_workload()
    return [dict(r) for r in rows]


@router.get("/ledger.csv")
async def ledger_csv(
    start: date, end: date, svc=Depends(services), _: Principal = Depends(require_role("actuary", "finance"))
):
    async def generate():
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "claim_id", "entry_type", "coverage_code", "amount", "actor", "created_at"])
        async for record in svc.reporting.stream_ledger(start, end):
            writer.writerow(list(record.values()))
            if buffer.tell() > 64_000:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(generate(), media_type="text/csv")


@router.get("/large-losses")
async def large_losses(
    threshold: int = Query(default=100_000, ge=10_000),
    svc=Depends(services),
    _: Principal = Depends(require_role("actuary", "finance")),
):
    conn = await asyncpg.connect(svc.settings.reporting_dsn)
    rows = await conn.fetch(
        """
        SELECT c.claim_number, c.loss_type, c.region, SUM(r.amount) AS incurred
        FROM claims c JOIN reserves r ON r.claim_id = c.id
        GROUP BY c.id
        HAVING SUM(r.amount) >= $1
        ORDER BY incurred DESC
        LIMIT 500
        """,
        threshold,
    )
    await conn.close()
    return [dict(r) for r in rows]


@router.get("/latest-reserve-report")
async def latest_reserve_report(svc=Depends(services), _: Principal = Depends(require_role("actuary", "finance"))):
    meta = await svc.redis.hgetall("reports:reserve:latest")
    return meta or {"status": "not yet generated"}
