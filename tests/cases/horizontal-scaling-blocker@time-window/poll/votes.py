"""Vote endpoints of a live poll."""
import time

from fastapi import APIRouter
from pydantic import BaseModel

router = APIRouter()
VOTE_COOLDOWN_S = 10.0
_recent_votes: dict[str, float] = {}  # expect: horizontal-scaling-blocker


class VoteIn(BaseModel):
    voter: str
    option: int


@router.post("/polls/{poll_id}/votes")
async def vote(poll_id: int, body: VoteIn) -> dict:
    key = f"{poll_id}:{body.voter}"
    last = _recent_votes.get(key)
    now = time.monotonic()
    if last is not None and now - last < VOTE_COOLDOWN_S:
        return {"accepted": False, "reason": "cooldown"}
    _recent_votes[key] = now
    return {"accepted": True}
