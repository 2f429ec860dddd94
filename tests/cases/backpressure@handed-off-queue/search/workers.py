"""Background indexing: documents are queued by the API and indexed one at a time."""
import asyncio


class Indexer:
    def __init__(self) -> None:
        self.queue: asyncio.Queue[int] = asyncio.Queue()  # expect: backpressure
        self.indexed = 0

    async def run(self) -> None:
        while True:
            doc_id = await self.queue.get()
            await asyncio.sleep(0.5)  # the slow part: the search cluster
            self.indexed += 1
            self.queue.task_done()


class Thumbnailer:
    def __init__(self) -> None:
        self.jobs: asyncio.Queue[int] = asyncio.Queue()

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.jobs.qsize())
