"""Service alerts for riders and route subscriptions."""
from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import APIRouter, Depends
from redis.exceptions import RedisError
from sqlalchemy.exc import IntegrityError

from transit.auth import current_rider
from transit.container import Container, container
from transit.db.models import RouteSubscription
from transit.utils.timeutil import utcnow

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/v1/alerts", tags=["alerts"])

ACTIVE_ALERTS_KEY = "alerts:active"
ACTIVE_ALERTS_TTL_S = 30


def _alert_json(row: Any) -> dict[str, Any]:
    return {
        "alert_id": row["alert_id"],
        "severity": row["severity"],
        "header": row["header"],
        "description": row["description"],
        "route_ids": list(row["route_ids"]),
        "active_until": row["active_until"].isoformat() if row["active_until"] else None,
    }


@router.get("")
async def active_alerts(c: Container = Depends(container)) -> list[dict[str, Any]]:
    try:
        cached = await c.redis.get(ACTIVE_ALERTS_KEY)
        if cached:
            return json.loads(cached)
    except RedisError:
        logger.warning("alerts cache unavailable; serving from postgres")
    alerts = [_alert_json(r) for r in await c.alerts.active(utcnow())]
    try:
        await c.redis.set(ACTIVE_ALERTS_KEY, json.dumps(alerts), ex=ACTIVE_ALERTS_TTL_S)
    except RedisError:
        logger.debug("alerts cache write skipped")
    return alerts


@router.get("/routes/{route_id}")
async def route_alerts(route_id: str, c: Container = Depends(container)) -> list[dict[str, Any]]:
    return [_alert_json(r) for r in await c.alerts.active(utcnow(), route_id=route_id)]


@router.post("/subscriptions/{route_id}", status_code=201)
async def subscribe(route_id: str, channel: str = "push", rider_id: int = Depends(current_rider), c: Container = Depends(container)) -> dict[str, str]:
    async with c.sessions() as session:
        session.add(RouteSubscription(rider_id=rider_id, route_id=route_id, channel=channel))
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()
    return {"route_id": route_id, "channel": channel}
