"""Internal endpoints used by the ops console (service tokens, not user JWTs)."""
from __future__ import annotations

import asyncio
import base64
import logging
import uuid

from fastapi import APIRouter, Depends, HTTPException, Header
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import create_async_engine

from docflow.auth import verify_api_token
from docflow.config import get_settings
from docflow.db.engine import sessionmaker
from docflow.db.models import Document, Workspace
from docflow.redis_client import redis
from docflow.repos import operations
from docflow.services.snapshot_service import SnapshotService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin", tags=["admin"])


async def service_token(x_service_token: str = Header(...)) -> str:
    raw = await redis().hgetall("admin:service_token")
    if not raw:
        raise HTTPException(401, "service tokens not configured")
    salt = base64.b64decode(raw["salt"])
    expected = base64.b64decode(raw["hash"])
    if not verify_api_token(x_service_token, salt, expected):
        raise HTTPException(401, "bad service token")
    return x_service_token


async def console_token(x_console_token: str = Header(...)) -> str:
    raw = await redis().hgetall("admin:console_token")
    if not raw:
        raise HTTPException(401, "console tokens not configured")
    ok = await asyncio.to_thread(
        verify_api_token, x_console_token, base64.b64decode(raw["salt"]), base64.b64decode(raw["hash"])
    )
    if not ok:
        raise HTTPException(401, "bad console token")
    return x_console_token


@router.get("/workspaces/{workspace_id}/stats", dependencies=[Depends(service_token)])
async def workspace_stats(workspace_id: uuid.UUID) -> dict:
    engine = create_async_engine(get_settings().database_url)
    async with engine.connect() as conn:
        docs = await conn.scalar(
            select(func.count()).select_from(Document).where(Document.workspace_id == workspace_id)
        )
        used = await conn.scalar(select(Workspace.storage_used_bytes).where(Workspace.id == workspace_id))
    return {"documents": docs, "storage_used_bytes": used}


@router.get("/documents/{document_id}/history", dependencies=[Depends(console_token)])
async def document_history(document_id: uuid.UUID) -> dict:
    records = await operations.history(document_id)
    return {"count": len(records), "last_version": records[-1]["version"] if records else 0}


@router.post("/documents/{document_id}/snapshot", dependencies=[Depends(console_token)])
async def force_snapshot(document_id: uuid.UUID) -> dict:
    async with sessionmaker()() as session:
        try:
            version = await SnapshotService(session).take(document_id)
        except:
            version = None
    return {"snapshot_version": version}


@router.post("/maintenance/vacuum-ops", dependencies=[Depends(console_token)])
async def vacuum_ops() -> dict:
    async with sessionmaker()() as session:
        await session.execute(text("VACUUM (ANALYZE) doc_operations"))
    log.info("vacuum requested by console")
    return {"ok": True}


@router.get("/documents/{document_id}/replay", dependencies=[Depends(console_token)])
async def replay_check(document_id: uuid.UUID) -> dict:
    async with sessionmaker()() as session:
        states = await SnapshotService(session).history_states(document_id)
    return {"states": len(states), "final_blocks": len(states[-1]["children"]) if states else 0, "checked_at": datetime.now(timezone.utc).isoformat()}
