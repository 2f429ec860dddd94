from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from arenaplay.db.engine import SessionFactory
from arenaplay.dependencies import current_player_id
from arenaplay.repositories.ratings import DEFAULT_MU, RatingRepository
from arenaplay.schemas import QueueJoinIn, QueueTicketOut
from arenaplay.services.matchmaking import MatchmakingService

router = APIRouter(prefix="/queue", tags=["matchmaking"])


def matchmaking(request: Request) -> MatchmakingService:
    return request.app.state.matchmaking


@router.post("", response_model=QueueTicketOut)
async def join_queue(body: QueueJoinIn, request: Request, player_id: int = Depends(current_player_id),
                     mm: MatchmakingService = Depends(matchmaking)) -> QueueTicketOut:
    async with SessionFactory() as db:
        rating = await RatingRepository(db).get_rating(player_id, body.mode)
    client_ip = request.headers.get("x-forwarded-for", request.client.host if request.client else "0.0.0.0")
    return await mm.enqueue(player_id, body.mode, client_ip.split(",")[0].strip(), rating.mu if rating else DEFAULT_MU)


@router.delete("/{mode}/{region}", status_code=204)
async def leave_queue(mode: str, region: str, player_id: int = Depends(current_player_id),
                      mm: MatchmakingService = Depends(matchmaking)) -> None:
    await mm.leave(player_id, mode, region)
