from __future__ import annotations

import logging

from sqlalchemy import select

from svc.db.engine import SessionLocal
from svc.db.models import Workspace
from svc.services.digest import DigestBuilder
from svc.services.email import EmailClient

log = logging.getLogger(__name__)


async def run_daily_digest(email: EmailClient) -> None:
    async with SessionLocal() as session:
        workspaces = (await session.execute(select(Workspace.id, Workspace.name).order_by(Workspace.id))).all()
    total = 0
    for workspace_id, name in workspaces:
        async with SessionLocal() as session:
            try:
                total += await DigestBuilder(session, email).run_for_workspace(workspace_id, name)
            except Exception:
                log.exception("digest failed for workspace %s", workspace_id)
    log.info("daily digest sent %d emails", total)
