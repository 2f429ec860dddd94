"""FastAPI dependencies: service container, authentication, database handles."""
from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import jwt
from fastapi import Depends, Header, HTTPException, Request, status

from svc.clients.econsent import EConsentClient
from svc.clients.randomisation import RandomisationClient
from svc.clients.sponsor import SponsorGateway
from svc.config import Settings, get_settings
from svc.db.pool import Database
from svc.repositories.audit import AuditRepository
from svc.services.consent import ConsentService
from svc.services.monitoring import DashboardService, Viewer
from svc.services.enrolment import EnrolmentService
from svc.services.exports import ExportService
from svc.services.forms import FormService
from svc.services.monitoring import MonitoringHub
from svc.services.queries import QueryService


@dataclass(slots=True)
class Container:
    settings: Settings
    db: Database
    audit: AuditRepository
    enrolment: EnrolmentService
    consent: ConsentService
    forms: FormService
    queries: QueryService
    exports: ExportService
    dashboard: DashboardService
    hub: MonitoringHub
    randomisation: RandomisationClient
    econsent: EConsentClient
    sponsor: SponsorGateway


def get_container(request: Request) -> Container:
    return request.app.state.container


def decode_token(token: str, settings: Settings) -> Viewer:
    claims = jwt.decode(token, settings.jwt_public_key, algorithms=["RS256"], audience=settings.jwt_audience)
    return Viewer(
        user_id=claims["sub"],
        roles=frozenset(claims.get("roles", ())),
        site_ids=frozenset(int(s) for s in claims.get("sites", ())),
    )


async def current_viewer(
    authorization: str = Header(...), settings: Settings = Depends(get_settings)
) -> Viewer:
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="bearer token required")
    try:
        return decode_token(token, settings)
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token") from exc


def require_role(role: str):  # noqa: ANN201
    async def checker(viewer: Viewer = Depends(current_viewer)) -> Viewer:
        if role not in viewer.roles:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=f"{role} role required")
        return viewer

    return checker


def feature_flags(settings: Settings = Depends(get_settings)) -> dict[str, bool]:
    path = Path(settings.export_dir).parent / "feature-flags.json"
    try:
        with path.open("r", encoding="utf-8") as fh:
            return {k: bool(v) for k, v in json.load(fh).items()}
    except FileNotFoundError:
        return {}


async def db_connection(container: Container = Depends(get_container)) -> AsyncIterator[asyncpg.Connection]:
    conn = await container.db.pool.acquire(timeout=container.settings.db_acquire_timeout)
    yield conn
    await container.db.pool.release(conn)
