from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import date, datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from ..config import Settings, get_settings
from ..db.engine import get_session
from ..db.pg_pool import gate_pool
from ..deps import require_staff
from ..utils.tokens import issue_staff_token

router = APIRouter(tags=["admin"])
log = logging.getLogger(__name__)

_active_promotions: list[dict] = []


class StaffLogin(BaseModel):
    username: str
    password: str


class Promotion(BaseModel):
    code: str
    percent_off: int
    valid_until: date


@router.post("/admin/login")
async def staff_login(
    body: StaffLogin,
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> dict:
    row = (
        await session.execute(
            text("SELECT username, password_hash, salt FROM staff_users WHERE username = :u AND active"),
            {"u": body.username},
        )
    ).first()
    if row is None:
        log.info("staff login failed", extra={"username": body.username, "reason": "unknown"})
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    digest = hashlib.pbkdf2_hmac("sha256", body.password.encode(), bytes.fromhex(row.salt), 310_000)
    if not hmac.compare_digest(digest.hex(), row.password_hash):
        log.info("staff login failed", extra={"username": body.username, "reason": "password"})
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid credentials")
    return {"token": issue_staff_token(row.username, settings.staff_token_secret)}


@router.post("/admin/promotions", dependencies=[Depends(require_staff)])
async def add_promotion(promo: Promotion) -> dict:
    _active_promotions.append(promo.model_dump())
    return {"count": len(_active_promotions)}


@router.get("/admin/promotions")
async def list_promotions() -> list[dict]:
    today = datetime.now(timezone.utc).date()
    return [p for p in _active_promotions if p["valid_until"] >= today]


@router.get("/admin/reports/lift-usage", dependencies=[Depends(require_staff)])
async def lift_usage(day: date) -> list[dict]:
    async with gate_pool().acquire(timeout=2.0) as conn:
        rows = await conn.fetch(
            """
            SELECT lift_id, count(*) AS rides, count(DISTINCT media_uid) AS riders
            FROM gate_scans
            WHERE lift_id = ANY(SELECT id FROM lifts) AND scanned_at >= $1::date AND scanned_at < $1::date + 1
            GROUP BY lift_id ORDER BY lift_id
            """,
            day,
        )
    return [dict(r) for r in rows]


@router.get("/live")
async def live() -> dict:
    return {"status": "alive"}


@router.get("/health")
async def health(request: Request) -> dict:
    try:
        await request.app.state.redis.ping()
    except Exception as exc:
        log.warning("health check failed: %s", exc)
        raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "redis unavailable") from exc
    return {"status": "ok", "checked": ["redis"]}
