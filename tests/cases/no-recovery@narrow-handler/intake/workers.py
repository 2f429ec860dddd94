"""Score queued claims with the fraud service."""
import asyncio
import logging

import httpx
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import async_sessionmaker

from intake.repo import ClaimRepository

log = logging.getLogger(__name__)


class Scorer:
    def __init__(self, sessions: async_sessionmaker, http: httpx.AsyncClient) -> None:
        self._sessions = sessions
        self._http = http
        self.queue: asyncio.Queue[int] = asyncio.Queue(maxsize=1000)

    async def score_one(self, claim_id: int) -> None:
        async with self._sessions() as session:
            repo = ClaimRepository(session)
            claim = await repo.get(claim_id)
            resp = await self._http.post("/score", json={"text": claim.text})
            resp.raise_for_status()
            await repo.set_score(claim_id, resp.json()["score"])
            await session.commit()


class ClaimWorker(Scorer):
    async def run(self) -> None:
        while True:
            claim_id = await self.queue.get()
            try:
                await self.score_one(claim_id)  # expect: no-recovery
            except httpx.HTTPError:
                log.warning("fraud service failed for claim %s", claim_id, exc_info=True)
            finally:
                self.queue.task_done()


class AppealWorker(Scorer):
    async def run(self) -> None:
        while True:
            claim_id = await self.queue.get()
            try:
                await self.score_one(claim_id)
            except (httpx.HTTPError, SQLAlchemyError):
                log.warning("scoring appeal %s failed", claim_id, exc_info=True)
            finally:
                self.queue.task_done()
