from __future__ import annotations

import csv
import io
from datetime import date, datetime

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import Response
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from glossa.db.models import Project, User
from glossa.deps import current_user, project_access, service
from glossa.repositories.usage import UsageRepository
from glossa.services.metering import MeteringService, QuotaService, month_start
from glossa.settings import Settings, get_settings

router = APIRouter(tags=["usage"])


def _require_org(user: User, org_id: int, *, admin: bool = False) -> None:
    if user.org_id != org_id or (admin and user.role != "admin"):
        raise HTTPException(status_code=403, detail="not a member of this organisation")


@router.get("/orgs/{org_id}/usage")
async def org_usage(
    org_id: int,
    since: datetime | None = None,
    user: User = Depends(current_user),
    usage: UsageRepository = Depends(service("usage_repo")),
    quotas: QuotaService = Depends(service("quotas")),
) -> dict:
    _require_org(user, org_id)
    rows = await usage.org_summary(org_id, since or month_start())
    return {
        "meters": {r["meter"]: int(r["total"]) for r in rows},
        "mt_chars_remaining": await quotas.remaining(org_id),
    }


@router.get("/projects/{project_id}/usage/{month}")
async def project_usage(
    month: date, project: Project = Depends(project_access), usage: UsageRepository = Depends(service("usage_repo"))
) -> dict:
    rows = await usage.project_month(project.id, month)
    return {"month": month.strftime("%Y-%m"), "meters": {r["meter"]: int(r["total"]) for r in rows}}


@router.get("/orgs/{org_id}/usage/report.csv")
async def usage_report_csv(
    org_id: int,
    since: date,
    user: User = Depends(current_user),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Finance export; read from the replica so it never competes with the editor."""
    _require_org(user, org_id, admin=True)
    engine = create_async_engine(settings.replica_url)
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                """
                SELECT p.slug, e.meter, sum(e.quantity) AS total
                FROM usage_events e JOIN projects p ON p.id = e.project_id
                WHERE p.org_id = :org AND e.occurred_at >= :since
                GROUP BY p.slug, e.meter ORDER BY p.slug, e.meter
                """
            ),
            {"org": org_id, "since": datetime(since.year, since.month, since.day)},
        )
        rows = result.all()
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["project", "meter", "total"])
    writer.writerows(rows)
    return Response(content=buf.getvalue(), media_type="text/csv")


@router.post("/orgs/{org_id}/usage/report-now")
async def report_now(
    org_id: int, user: User = Depends(current_user), metering: MeteringService = Depends(service("metering"))
) -> dict:
    _require_org(user, org_id, admin=True)
    receipt = await metering.report_now(org_id)
    return {"receipt": receipt.get("id")}
