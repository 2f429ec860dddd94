"""Back-office endpoints. Everything here requires an admin API key."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import asyncpg
import requests
from fastapi import APIRouter, Depends, HTTPException, Query, status

from app.config import settings
from app.database import DataManager
from app.dependencies import get_db, get_order_service, get_portfolio_service, require_admin
from app.models import BroadcastRequest, UserOut
from app.routes import alerts
from app.services.order_service import OrderService
from app.services.portfolio_service import PortfolioService
from app.websocket.manager import manager

logger = logging.getLogger(__name__)

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])
router.include_router(alerts.admin_router)


@router.get("/stats")
async def stats(
    dm: DataManager = Depends(get_db),
    svc: PortfolioService = Depends(get_portfolio_service),
) -> dict[str, Any]:
    return {
        "orders_by_status": await dm.get_order_stats(),
        "house": await svc.house_exposure(),
        "websocket": manager.stats(),
    }


@router.get("/users/by-email/{email}", response_model=UserOut)
async def user_by_email(email: str, dm: DataManager = Depends(get_db)) -> UserOut:
    user = await dm.get_user_by_email(email)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found")
    return UserOut.model_validate(dict(user))


@router.post("/users/{user_id}/deactivate")
async def deactivate_user(
    user_id: int,
    admin: asyncpg.Record = Depends(require_admin),
    dm: DataManager = Depends(get_db),
) -> dict[str, bool]:
    changed = await dm.set_user_active(user_id, False)
    await dm.log_audit(admin["id"], "admin.deactivate_user", {"user_id": user_id})
    return {"changed": changed}


@router.post("/users/{user_id}/credit")
async def credit_user(
    user_id: int,
    amount: Decimal = Query(..., gt=0, le=Decimal("1000000")),
    admin: asyncpg.Record = Depends(require_admin),
    dm: DataManager = Depends(get_db),
) -> dict[str, str]:
    balance = await dm.adjust_cash_balance(user_id, amount)
    await dm.log_audit(admin["id"], "admin.credit", {"user_id": user_id, "amount": str(amount)})
    return {"cash_balance": str(balance)}


@router.post("/risk/reload")
async def reload_risk_limits(
    user_ids: list[int],
    svc: OrderService = Depends(get_order_service),
) -> dict[str, Any]:
    """Pick up exposure limit changes made in the back office without a restart."""
    await svc.risk_engine.reload_limits(user_ids)
    return {"reloaded": len(user_ids), "reserved": {str(k): str(v) for k, v in svc.risk_engine.snapshot().items()}}


@router.get("/audit/export")
async def export_audit(
    days: int = Query(7, ge=1, le=90),
    dm: DataManager = Depends(get_db),
) -> list[dict[str, Any]]:
    since = datetime.now(timezone.utc) - timedelta(days=days)
    rows = await dm.export_audit_log(since)
    return [dict(row) for row in rows]


@router.post("/orders/archive")
async def archive_orders(
    older_than_days: int = Query(90, ge=30),
    dm: DataManager = Depends(get_db),
) -> dict[str, int]:
    cutoff = datetime.now(timezone.utc) - timedelta(days=older_than_days)
    return {"archived": await dm.archive_old_orders(cutoff)}


@router.post("/broadcast", status_code=status.HTTP_202_ACCEPTED)
async def broadcast(body: BroadcastRequest) -> dict[str, str]:
    await manager.broadcast("prices", {"type": "notice", "level": body.level, "message": body.message})
    return {"status": "sent"}


@router.get("/webhook/check")
def check_webhook() -> dict[str, Any]:
    """Connectivity probe for the downstream order webhook."""
    try:
        response = requests.get(settings.webhook_url.rstrip("/") + "/health", timeout=5)
    except requests.RequestException as exc:
        logger.warning("webhook health check failed: %s", exc)
        return {"reachable": False, "error": str(exc)}
    return {"reachable": True, "status_code": response.status_code}
