from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query

from svc.deps import services
from svc.odds.service import event_margin

router = APIRouter(prefix="/odds", tags=["odds"])


@router.get("/events/search")
async def search_events(q: str = Query(min_length=3, max_length=64), svc=Depends(services)) -> list[dict]:
    rows = await svc.odds_repo.search_events(q)
    return [dict(r) for r in rows]


@router.get("/events/{event_id}")
async def event_book(event_id: int, svc=Depends(services)) -> dict:
    meta = await svc.event_meta.get(event_id)
    if not meta:
        raise HTTPException(404, "unknown event")
    margin = event_margin(meta["sport"], event_id, "match_result", "standard", meta.get("in_play", False))
    book = await svc.odds.event_book_with_margin(event_id, margin)
    if not book["markets"]:
        raise HTTPException(404, "no open markets")
    return book


@router.get("/selections/{selection_id}/history")
async def selection_history(selection_id: int, limit: int = Query(100, le=500), svc=Depends(services)) -> list[dict]:
    rows = await svc.odds_repo.price_history(selection_id, limit)
    return [{"price": str(r["price"]), "provider": r["provider"], "ts": r["ts"].isoformat()} for r in rows]


@router.get("/featured/{sport}")
async def featured(sport: str, svc=Depends(services)) -> list[dict]:
    return await svc.odds.featured(sport)


@router.get("/events/{event_id}/meta")
async def event_meta(event_id: int, svc=Depends(services)) -> dict:
    meta = await svc.event_meta.get(event_id)
    if not meta:
        raise HTTPException(404, "unknown event")
    return {"id": meta["id"], "name": meta["name"], "sport": meta["sport"], "starts_at": meta["starts_at"].isoformat()}
