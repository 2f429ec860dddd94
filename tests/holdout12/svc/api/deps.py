"""Request dependencies shared by the routers."""
import json
import uuid
from dataclasses import dataclass

from fastapi import Depends, Header, HTTPException, Request
from starlette.requests import HTTPConnection

from svc.config import Settings, get_settings


@dataclass(frozen=True)
class CurrentUser:
    id: uuid.UUID
    is_moderator: bool = False
    is_creator: bool = False


async def resolve_token(conn: HTTPConnection, token: str) -> CurrentUser | None:
    raw = await conn.app.state.cache_redis.get(f"session:{token}")
    if raw is None:
        return None
    data = json.loads(raw)
    return CurrentUser(
        id=uuid.UUID(data["user_id"]),
        is_moderator=data.get("moderator", False),
        is_creator=data.get("creator", False),
    )


async def current_user(request: Request, authorization: str = Header(...)) -> CurrentUser:
    user = await resolve_token(request, authorization.removeprefix("Bearer ").strip())
    if user is None:
        raise HTTPException(status_code=401, detail="invalid session")
    return user


async def optional_user(request: Request, authorization: str | None = Header(None)) -> CurrentUser | None:
    if not authorization:
        return None
    return await resolve_token(request, authorization.removeprefix("Bearer ").strip())


async def moderator(user: CurrentUser = Depends(current_user)) -> CurrentUser:
    if not user.is_moderator:
        raise HTTPException(status_code=403, detail="moderators only")
    return user


def region_blocklist(settings: Settings = Depends(get_settings)) -> frozenset[str]:
    with open(f"{settings.captions_dir}/../geo-blocklist.json", encoding="utf-8") as fh:
        return frozenset(json.load(fh))


def state(name: str):
    def _get(request: Request):
        return getattr(request.app.state, name)

    return _get
