"""Metadata lookups shared by concurrent requests: one in-flight lookup per key."""
import asyncio


class Lookup:
    def __init__(self, job, waiters: int) -> None:
        self.job = job
        self.waiters = waiters


class LookupManager:
    def __init__(self, backend) -> None:
        self.backend = backend
        self.pending: dict[str, Lookup] = {}
        self.active: dict[str, object] = {}

    async def lookup(self, key: str, timeout: float) -> object | None:
        if key in self.pending:  # expect: race-condition
            job = self.pending[key].job
            self.pending[key].waiters += 1
        else:
            job = await self.backend.start(key)
            self.pending[key] = Lookup(job, 1)
        try:
            return await asyncio.wait_for(asyncio.shield(job.done), timeout)
        finally:
            if key in self.pending:  # expect: race-condition
                self.pending[key].waiters -= 1
                if self.pending[key].waiters <= 0:
                    await self.backend.stop(job)
                    self.pending.pop(key, None)

    async def replace(self, key: str, job) -> None:
        """The old entry is taken out in the awaited call's own argument: before the suspension."""
        if key in self.pending and self.pending[key].job is not job:
            await self.backend.stop(self.pending.pop(key).job)
        self.active[key] = job
