from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any

from fastapi import APIRouter, HTTPException, Request, status
from pydantic import BaseModel
from sqlalchemy import func, select

from svc.auth.deps import AdminUser, Session
from svc.config import get_settings
from svc.db.models import ModerationItem, Post, User
from svc.observability import top_routes
from svc.repositories import feed_repo, users_repo
from svc.utils import flags


router = APIRouter(prefix="/admin", tags=["admin"])
log = logging.getLogger(__name__)


class FlagUpdate(BaseModel):
    value: Any


@router.get("/stats")
async def stats(admin: AdminUser, session: Session) -> dict:
    since = datetime.now(timezone.utc) - timedelta(days=1)
    posts_24h = await session.scalar(select(func.count()).select_from(Post).where(Post.created_at >= since))
    signups_24h = await session.scalar(select(func.count()).select_from(User).where(User.created_at >= since))
    pending = await session.scalar(
        select(func.count()).select_from(ModerationItem).where(ModerationItem.status == "needs_review")
    )
    return {
        "posts_24h": posts_24h,
        "signups_24h": signups_24h,
        "moderation_backlog": pending,
        "top_routes": top_routes(),
    }


@router.put("/flags/{name}")
async def set_flag(name: str, body: FlagUpdate, admin: AdminUser) -> dict:
    try:
        flags.set_flag(name, body.value)
    except KeyError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"unknown flag {name}") from None
    log.info("flag changed", extra={"ctx": {"flag": name, "value": body.value, "admin": admin.id}})
    return {"name": name, "value": body.value}


@router.post("/users/{user_id}/ban")
async def ban(user_id: int, request: Request, admin: AdminUser, session: Session) -> dict:
    await users_repo.set_banned(session, user_id, True)
    await session.commit()
    await request.app.state.profiles.invalidate(user_id)
    log.warning("user banned", extra={"ctx": {"user": user_id, "admin": admin.id}})
    return {"id": user_id, "banned": True}


@router.post("/users/{user_id}/feed/trim")
async def trim_feed(user_id: int, request: Request, admin: AdminUser) -> dict:
    removed = await feed_repo.trim(request.app.state.pg_pool, user_id, keep=get_settings().feed_max_items)
    return {"id": user_id, "removed": removed}
