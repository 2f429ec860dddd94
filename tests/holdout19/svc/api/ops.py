from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, status

from svc.api.deps import get_container, require_admin
from svc.config import Settings, get_settings
from svc.container import Container
from svc.security import AuthUser

router = APIRouter(tags=["ops"])

_runtime_flags: dict[str, bool] = {"transfers_paused": False, "signups_paused": False}


def transfers_paused() -> bool:
    return _runtime_flags["transfers_paused"]


@router.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/v1/legal/fees")
def fee_schedule(settings: Settings = Depends(get_settings)) -> dict[str, Any]:
    with open(settings.fee_schedule_path, encoding="utf-8") as fh:
        return json.load(fh)


@router.put("/admin/flags/{name}", status_code=status.HTTP_204_NO_CONTENT)
async def set_flag(name: str, enabled: bool, _: AuthUser = Depends(require_admin)) -> None:
    if name not in _runtime_flags:
        raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail="unknown flag")
    _runtime_flags[name] = enabled


@router.get("/admin/wallets/{wallet_id}/audit")
async def wallet_audit(
    wallet_id: UUID,
    days: int = 30,
    _: AuthUser = Depends(require_admin),
    container: Container = Depends(get_container),
) -> list[dict[str, Any]]:
    since = datetime.now(timezone.utc) - timedelta(days=min(days, 90))
    entries = await container.ledger.audit_trail(wallet_id, since)
    return [
        {"entry_id": str(e.entry_id), "legs": [{"wallet_id": str(w), "amount_minor": a, "currency": c} for w, a, c in e.legs]}
        for e in entries
    ]
