"""Celery tasks: each runs its coroutine in a fresh event loop."""
import asyncio

from indexer.celery_app import celery_app
from indexer.locks import clear_workspace_locks


async def _reindex(workspace_id: int) -> None:
    await clear_workspace_locks(workspace_id)


@celery_app.task(name="reindex_workspace")
def reindex_workspace(workspace_id: int) -> None:
    asyncio.run(_reindex(workspace_id))
