"""FastAPI dependencies: sessions, shared clients, services and authentication."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import asyncpg
import redis.asyncio as redis
from fastapi import Depends, Header, HTTPException, Request, WebSocket
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import Project, User
from glossa.repositories.projects import ProjectRepository
from glossa.repositories.workflow import UserRepository
from glossa.settings import Settings, get_settings
from glossa.utils.security import hash_api_key

_users = UserRepository()
_projects = ProjectRepository()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    async with request.app.state.sessions() as session:
        yield session


def get_redis(request: Request) -> redis.Redis:
    return request.app.state.redis


def get_pool(request: Request) -> asyncpg.Pool:
    return request.app.state.pg


def service(name: str) -> Callable[[Request], Any]:
    def dependency(request: Request) -> Any:
        return getattr(request.app.state, name)

    return dependency


async def current_user(
    authorization: str = Header(...),
    session: AsyncSession = Depends(get_session),
    settings: Settings = Depends(get_settings),
) -> User:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=401, detail="bearer token required")
    digest = hash_api_key(token, settings.api_key_salt)
    user = await _users.by_key_hash(session, digest)
    if user is None:
        raise HTTPException(status_code=401, detail="invalid api key")
    return user


async def project_access(
    project_id: int,
    user: User = Depends(current_user),
    session: AsyncSession = Depends(get_session),
) -> Project:
    project = await _projects.get(session, project_id)
    if project is None or project.org_id != user.org_id:
        raise HTTPException(status_code=404, detail="project not found")
    return project


async def authenticate_ws(websocket: WebSocket) -> User | None:
    """Browsers cannot set headers on a websocket, so the key comes as ?token=."""
    token = websocket.query_params.get("token")
    if not token:
        return None
    settings = get_settings()
    digest = await asyncio.to_thread(hash_api_key, token, settings.api_key_salt)
    async with websocket.app.state.sessions() as session:
        return await _users.by_key_hash(session, digest)


async def ws_project(websocket: WebSocket, user: User, project_id: int) -> Project | None:
    async with websocket.app.state.sessions() as session:
        project = await _projects.get(session, project_id)
    if project is None or project.org_id != user.org_id:
        return None
    return project
