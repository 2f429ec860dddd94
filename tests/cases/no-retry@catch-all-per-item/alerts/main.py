import asyncio
from contextlib import asynccontextmanager

from fastapi import FastAPI

from alerts.jobs import Archiver, escalate, heartbeat, post_digests
from alerts.senders import Archive, ChatHook, PagerClient, StatusBoard


class _Repo:
    async def breached(self) -> list:
        return []

    async def mark_escalated(self, rule_id: int) -> None:
        return None

    async def due_digests(self) -> list:
        return []

    async def mark_digests_sent(self, ids: list[int]) -> None:
        return None


@asynccontextmanager
async def lifespan(app: FastAPI):
    repo = _Repo()
    archiver = Archiver(Archive("https://archive.example.com"))
    tasks = [
        asyncio.create_task(escalate(repo, PagerClient("https://pager.example.com"))),
        asyncio.create_task(post_digests(repo, ChatHook("https://chat.example.com/hook"))),
        asyncio.create_task(heartbeat(StatusBoard("https://status.example.com"))),
    ]
    app.state.archiver = archiver
    yield
    for task in tasks:
        task.cancel()


app = FastAPI(lifespan=lifespan)


@app.post("/archive")
async def archive(records: list[dict]) -> None:
    await app.state.archiver.flush(records)
