"""In-memory view of job leases held by runners on this replica (the DB row is the source of truth)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svc.services.runner_registry import RunnerRegistry


@dataclass
class Lease:
    job_id: int
    runner_id: int
    expires_at: float


class LeaseBook:
    def __init__(self, registry: RunnerRegistry) -> None:
        self.lock = asyncio.Lock()
        self._leases: dict[int, Lease] = {}
        self._registry = registry

    def record(self, job_id: int, runner_id: int, seconds: int) -> None:
        self._leases[job_id] = Lease(job_id, runner_id, time.monotonic() + seconds)

    async def renew(self, job_id: int, seconds: int) -> bool:
        async with self.lock:
            lease = self._leases.get(job_id)
            if lease is None:
                return False
            lease.expires_at = time.monotonic() + seconds
            return True

    async def drop(self, job_id: int) -> None:
        async with self.lock:
            self._leases.pop(job_id, None)

    async def expire(self) -> list[Lease]:
        now = time.monotonic()
        async with self.lock:
            expired = [lease for lease in self._leases.values() if lease.expires_at < now]
            if not expired:
                return []
            async with self._registry._lock:
                for lease in expired:
                    self._leases.pop(lease.job_id, None)
                    self._registry.release_job(lease.runner_id, lease.job_id)
        return expired
