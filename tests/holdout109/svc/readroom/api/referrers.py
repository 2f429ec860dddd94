from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from readroom.api.deps import db_session, require_role, services
from readroom.repositories.distribution import DistributionRepository
from readroom.repositories.referrers import ReferrerRepository

router = APIRouter(prefix="/referrers", tags=["referrers"])


class ResendRequest(BaseModel):
    report_id: int
    referrer_ids: list[int]


@router.get("/{referrer_id}")
async def get_referrer(referrer_id: int, session=Depends(db_session), _user=Depends(require_role("admin", "clerk"))) -> dict:
    r = await ReferrerRepository(session).get_or_404(referrer_id)
    return {"id": r.id, "npi": r.npi, "name": r.display_name, "fax": r.fax_number, "email": r.email,
            "preferred_channel": r.preferred_channel}


@router.post("/resend")
async def resend(body: ResendRequest, session=Depends(db_session), svc=Depends(services),
                 _user=Depends(require_role("admin", "clerk"))) -> dict:
    created = await svc.distribution.resend(session, body.report_id, body.referrer_ids[:50])
    existing = await DistributionRepository(session).for_report(body.report_id)
    return {"queued": created, "total": len(existing)}
