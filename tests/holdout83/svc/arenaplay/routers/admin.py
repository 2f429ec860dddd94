from __future__ import annotations

import logging
from pathlib import Path

from fastapi import APIRouter, Depends, Request
from fastapi.responses import PlainTextResponse

from arenaplay.dependencies import anticheat_service, current_player_id, store_service
from arenaplay.errors import AuthError
from arenaplay.services.anticheat import AnticheatService
from arenaplay.services.store import StoreService
from arenaplay.settings import get_settings

router = APIRouter(prefix="/admin", tags=["admin"])
logger = logging.getLogger(__name__)

ADMIN_IDS = frozenset({1, 2, 3})


def require_admin(player_id: int = Depends(current_player_id)) -> int:
    if player_id not in ADMIN_IDS:
        raise AuthError("admin only")
    return player_id


@router.get("/patch-notes", response_class=PlainTextResponse)
def patch_notes() -> str:
    return Path(get_settings().patch_notes_path).read_text(encoding="utf-8")


@router.put("/store/{item_id}/price")
async def set_price(item_id: str, price: int, admin: int = Depends(require_admin),
                    svc: StoreService = Depends(store_service)) -> dict:
    await svc.update_price(item_id, price)
    logger.info("admin %s changed price of %s", admin, item_id)
    return {"item_id": item_id, "price": price}


@router.post("/reports/triage")
async def triage(admin: int = Depends(require_admin), svc: AnticheatService = Depends(anticheat_service)) -> dict:
    flagged = await svc.triage()
    for report in flagged:
        await svc.escalate(report, confidence=0.9)
    return {"escalated": [r["id"] for r in flagged]}


@router.post("/matches/{match_id}/review")
async def review(match_id: str, telemetry: dict, request: Request, admin: int = Depends(require_admin),
                 svc: AnticheatService = Depends(anticheat_service)) -> dict:
    return await svc.review_match(match_id, telemetry)
