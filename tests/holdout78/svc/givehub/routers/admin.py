from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel

from ..container import Container
from ..deps import get_container, require_staff
from ..utils.storage import list_exports

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_staff)])


class ExportIn(BaseModel):
    start: datetime
    end: datetime
    tax_year: int


@router.post("/giftaid/exports", status_code=201)
async def create_giftaid_export(body: ExportIn, container: Container = Depends(get_container)) -> dict:
    summary = await container.giftaid.export_claims(body.start, body.end, body.tax_year)
    return {
        "filename": summary.filename,
        "donations": summary.donations,
        "claimed_cents": summary.claimed_cents,
        "skipped": summary.skipped_already_claimed,
    }


@router.get("/giftaid/exports")
def giftaid_exports(container: Container = Depends(get_container)) -> list[str]:
    return list_exports(container.settings.exports_dir)


@router.get("/giftaid/exports/{name}", response_class=PlainTextResponse)
def download_giftaid_export(name: str, container: Container = Depends(get_container)) -> str:
    if "/" in name or not name.startswith("giftaid-"):
        raise HTTPException(status_code=400, detail="bad export name")
    path = Path(container.settings.exports_dir) / name
    if not path.exists():
        raise HTTPException(status_code=404, detail="no such export")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


@router.get("/campaigns/{campaign_id}/standings.csv", response_class=PlainTextResponse)
async def standings(campaign_id: int, container: Container = Depends(get_container)) -> str:
    rows = await container.leaderboard.ranked_snapshot(campaign_id)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=("rank", "donor_id", "total_cents"))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


@router.post("/payouts/run")
async def run_payouts(container: Container = Depends(get_container)) -> dict:
    submitted = await container.payouts.run_cycle()
    return {"submitted": submitted, "at": datetime.now(timezone.utc).isoformat()}

