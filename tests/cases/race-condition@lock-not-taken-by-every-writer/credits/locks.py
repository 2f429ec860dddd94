"""Per-tenant asyncio locks: they order the coroutines of this process that take them."""
import asyncio
from collections import defaultdict

_tenant_locks: defaultdict[int, asyncio.Lock] = defaultdict(asyncio.Lock)


def tenant_lock(tenant_id: int) -> asyncio.Lock:
    return _tenant_locks[tenant_id]
