"""Tenant rows cached per process, loaded under a per-tenant lock."""
import asyncio


class TenantCache:
    def __init__(self, db) -> None:
        self._db = db
        self._entries: dict[str, dict] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    def _lock_for(self, tenant_id: str) -> asyncio.Lock:
        return self._locks.setdefault(tenant_id, asyncio.Lock())

    async def get(self, tenant_id: str) -> dict:
        async with self._lock_for(tenant_id):
            if tenant_id not in self._entries:
                self._entries[tenant_id] = await self._db.load_tenant(tenant_id)
        return self._entries[tenant_id]

    async def get_by_slot(self, tenant_id: str) -> dict:
        async with self._locks.setdefault(tenant_id, asyncio.Lock()):
            if tenant_id not in self._entries:
                self._entries[tenant_id] = await self._db.load_tenant(tenant_id)
        return self._entries[tenant_id]

    async def get_unlocked(self, tenant_id: str) -> dict:
        if tenant_id not in self._entries:  # expect: race-condition
            self._entries[tenant_id] = await self._db.load_tenant(tenant_id)
        return self._entries[tenant_id]
