from fastapi import APIRouter, Request

from quotes.store import fetch_holder

router = APIRouter()

_cards: dict[int, dict] = {}  # expect: unbounded-cache
_badges: dict[int, dict] = {}


@router.get("/holders/{holder_id}/card")
async def holder_card(holder_id: int, request: Request) -> dict:
    if holder_id in _cards:
        return _cards[holder_id]
    holder = await fetch_holder(request.app.state.pool, holder_id)
    card = {
        "name": holder["name"],
        "since": holder["created_at"].year,
        "tier": holder["tier"],
    }
    _cards[holder_id] = card
    return card


@router.get("/holders/{holder_id}/badge")
async def holder_badge(holder_id: int, request: Request) -> dict:
    # look-alike: the dict is emptied once it reaches its bound
    if holder_id in _badges:
        return _badges[holder_id]
    holder = await fetch_holder(request.app.state.pool, holder_id)
    badge = {
        "name": holder["name"],
        "tier": holder["tier"],
    }
    if len(_badges) >= 10_000:
        _badges.clear()
    _badges[holder_id] = badge
    return badge
