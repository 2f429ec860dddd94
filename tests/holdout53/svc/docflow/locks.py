"""Process-local async locks keyed by id, used to serialise edits of one document."""
from __future__ import annotations

import asyncio
import uuid
import weakref
from contextlib import asynccontextmanager

_doc_locks: weakref.WeakValueDictionary[uuid.UUID, asyncio.Lock] = weakref.WeakValueDictionary()
_ws_locks: weakref.WeakValueDictionary[uuid.UUID, asyncio.Lock] = weakref.WeakValueDictionary()


def _lock_for(table: weakref.WeakValueDictionary, key: uuid.UUID) -> asyncio.Lock:
    lock = table.get(key)
    if lock is None:
        lock = asyncio.Lock()
        table[key] = lock
    return lock


@asynccontextmanager
async def doc_lock(document_id: uuid.UUID):
    lock = _lock_for(_doc_locks, document_id)
    async with lock:
        yield


@asynccontextmanager
async def workspace_lock(workspace_id: uuid.UUID):
    lock = _lock_for(_ws_locks, workspace_id)
    async with lock:
        yield
