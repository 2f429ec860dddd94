import asyncio


class DocumentService:
    def __init__(self, pending: asyncio.Queue[int]) -> None:
        self.pending = pending

    async def save(self, doc_id: int) -> None:
        self.pending.put_nowait(doc_id)


class ThumbnailStats:
    def __init__(self, jobs: asyncio.Queue[int]) -> None:
        self.jobs = jobs

    def backlog(self) -> int:
        return self.jobs.qsize()
