from __future__ import annotations

from collections.abc import AsyncIterator

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.container import Container


def get_container(request: Request) -> Container:
    return request.app.state.container


async def get_session(container: Container = Depends(get_container)) -> AsyncIterator[AsyncSession]:
    async with container.sessions() as session:
        yield session


async def require_admin(x_admin_token: str = Header(default="")) -> str:
    if not x_admin_token.startswith("adm_"):
        raise HTTPException(status_code=401, detail="admin token required")
    return x_admin_token


async def current_team(x_team_token: str = Header(default="")) -> int:
    try:
        prefix, team_id = x_team_token.split(":", 1)
        if prefix != "team":
            raise ValueError(prefix)
        return int(team_id)
    except ValueError as exc:
        raise HTTPException(status_code=401, detail="team token required") from exc
