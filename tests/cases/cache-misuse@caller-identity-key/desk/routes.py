import json

from fastapi import APIRouter, Depends, Request

from desk.auth import Member, current_member

router = APIRouter()


@router.get("/dashboard")
async def dashboard(request: Request, period: str = "week", member: Member = Depends(current_member)) -> dict:
    redis = request.app.state.redis
    key = f"dashboard:{period}"  # expect: cache-misuse
    hit = await redis.get(key)
    if hit:
        return json.loads(hit)
    stats = await request.app.state.reports.dashboard(member.org_id, period)
    await redis.set(key, json.dumps(stats), ex=60)
    return stats


@router.get("/team")
async def team(request: Request, member: Member = Depends(current_member)) -> dict:
    # look-alike: the caller's organisation is part of the key
    redis = request.app.state.redis
    key = f"team:{member.org_id}"
    hit = await redis.get(key)
    if hit:
        return json.loads(hit)
    people = await request.app.state.reports.team(member.org_id)
    await redis.set(key, json.dumps(people), ex=60)
    return people
