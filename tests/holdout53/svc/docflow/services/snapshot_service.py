"""Periodic snapshots: replay the op log on top of the last snapshot."""
from __future__ import annotations

import asyncio
import copy
import logging
import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from docflow.config import get_settings
from docflow.realtime.ot import apply_op
from docflow.repos import operations
from docflow.repos.documents import DocumentRepo

log = logging.getLogger(__name__)

EMPTY_DOC = {"type": "doc", "children": []}


def replay(base: dict, ops: list[dict]) -> dict:
    content = copy.deepcopy(base)
    for op in ops:
        content = apply_op(content, op)
    return content


def replay_verbose(base: dict, ops: list[dict]) -> list[dict]:
    states = []
    content = base
    for op in ops:
        content = apply_op(copy.deepcopy(content), op)
        states.append(content)
    return states


class SnapshotService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.repo = DocumentRepo(session)

    async def current_content(self, document_id: uuid.UUID) -> tuple[int, dict]:
        snap = await self.repo.latest_snapshot(document_id)
        base_version = snap.version if snap else 0
        base = snap.content if snap else EMPTY_DOC
        pending = await operations.ops_since(document_id, base_version)
        content = replay(base, [p["op"] for p in pending])
        version = pending[-1]["version"] if pending else base_version
        return version, content

    async def current_content_offloaded(self, document_id: uuid.UUID) -> tuple[int, dict]:
        snap = await self.repo.latest_snapshot(document_id)
        base_version = snap.version if snap else 0
        base = snap.content if snap else EMPTY_DOC
        pending = await operations.ops_since(document_id, base_version)
        content = await asyncio.to_thread(replay, base, [p["op"] for p in pending])
        version = pending[-1]["version"] if pending else base_version
        return version, content

    async def take(self, document_id: uuid.UUID) -> int | None:
        snap = await self.repo.latest_snapshot(document_id)
        base_version = snap.version if snap else 0
        pending = await operations.ops_since(document_id, base_version)
        if len(pending) < get_settings().snapshot_every_ops:
            return None
        version, content = await self.current_content_offloaded(document_id)
        await self.repo.save_snapshot(document_id, version, content)
        await self.session.commit()
        await operations.prune_before(document_id, base_version)
        log.info("snapshot %s at v%d (%d ops folded)", document_id, version, len(pending))
        return version

    async def history_states(self, document_id: uuid.UUID) -> list[dict]:
        ops = await operations.history(document_id)
        return replay_verbose(EMPTY_DOC, [r["op"] for r in ops])
