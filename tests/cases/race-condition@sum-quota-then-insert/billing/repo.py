from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from billing.models import StoredFile, Workspace


async def bytes_used(session: AsyncSession, workspace_id: int) -> int:
    total = await session.scalar(select(func.sum(StoredFile.size)).where(StoredFile.workspace_id == workspace_id))
    return int(total or 0)


async def lock_workspace(session: AsyncSession, workspace_id: int) -> Workspace | None:
    return await session.scalar(select(Workspace).where(Workspace.id == workspace_id).with_for_update())
