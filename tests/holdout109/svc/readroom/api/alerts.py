from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from readroom.api.deps import current_user, db_session, services
from readroom.errors import NotFound
from readroom.models import User
from readroom.repositories.alerts import AlertRepository
from readroom.repositories.studies import StudyRepository

router = APIRouter(prefix="/alerts", tags=["alerts"])


class AckRequest(BaseModel):
    acknowledged_by: str


class ReadbackRequest(BaseModel):
    acknowledged_by: str
    readback: str


@router.get("")
async def recent_alerts(_user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    alerts = await AlertRepository(session).recent(50)
    return {
        "items": [
            {
                "id": a.id,
                "study_id": a.study_id,
                "finding": a.finding_code,
                "state": a.state,
                "raised_at": a.raised_at.isoformat(),
                "escalation_level": a.escalation_level,
            }
            for a in alerts
        ]
    }


@router.post("/{alert_id}/ack")
async def acknowledge(alert_id: int, body: AckRequest, _user: User = Depends(current_user),
                      svc=Depends(services)) -> dict:
    ok = await svc.alerts.acknowledge(alert_id, body.acknowledged_by)
    return {"alert_id": alert_id, "acknowledged": ok}


@router.get("/by-study/{study_uid}")
async def alerts_for_study(study_uid: str, _user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    study = await StudyRepository(session).get_by_uid(study_uid)
    if study is None:
        raise StudyNotFound(f"study {study_uid} not found")
    alerts = await AlertRepository(session).for_study(study.id)
    return {"items": [{"id": a.id, "finding": a.finding_code, "state": a.state} for a in alerts]}


@router.post("/{alert_id}/readback")
async def readback(alert_id: int, body: ReadbackRequest, _user: User = Depends(current_user),
                   session=Depends(db_session), svc=Depends(services)) -> dict:
    alert = await AlertRepository(session).get(alert_id)
    if alert is None:
        raise NotFound(f"alert {alert_id} not found")
    return await svc.alerts.record_readback(alert_id, body.acknowledged_by, body.readback, alert.message)
