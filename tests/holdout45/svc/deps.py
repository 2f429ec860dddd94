"""FastAPI dependencies wiring services to shared clients held on app.state."""
from __future__ import annotations

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.ext.asyncio import AsyncSession

from .cache import ArticleCache
from .config import TenantSettings
from .db.connections import get_session
from .services.articles import ArticleService
from .services.workflow import AuditLog, WorkflowService
from .services.indexing import IndexQueue
from .services.publishing import PublishingService
from .services.tenants import TenantNotFound, tenant_settings


def tenant(x_publication: str = Header(...)) -> TenantSettings:
    try:
        return tenant_settings(x_publication)
    except TenantNotFound as exc:
        raise HTTPException(404, f"unknown publication {x_publication}") from exc


def article_service(request: Request, session: AsyncSession = Depends(get_session)) -> ArticleService:
    redis = request.app.state.redis
    return ArticleService(session, ArticleCache(redis), IndexQueue(redis))


def workflow_service(request: Request, session: AsyncSession = Depends(get_session)) -> WorkflowService:
    return WorkflowService(session, request.app.state.notifier, AuditLog())


def publishing_service(request: Request, session: AsyncSession = Depends(get_session)) -> PublishingService:
    return request.app.state.make_publisher(session)
