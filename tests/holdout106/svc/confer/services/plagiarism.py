from __future__ import annotations

import asyncio
import logging

import asyncpg
import httpx
import requests

from ..clients.plagiarism import PlagiarismClient
from ..clients.storage import ObjectStorage
from ..core.settings import Settings
from ..repositories.submissions import SubmissionRepository

log = logging.getLogger(__name__)


class PlagiarismService:
    def __init__(
        self, client: PlagiarismClient, storage: ObjectStorage, repo: SubmissionRepository, settings: Settings
    ) -> None:
        self.client = client
        self.storage = storage
        self.repo = repo
        self.legacy_url = settings.plagiarism_legacy_url
        self.concurrency = settings.plagiarism_concurrency

    async def start_check(self, submission: asyncpg.Record) -> str | None:
        url = self.storage.presigned_get(submission["pdf_key"], ttl=6 * 3600)
        try:
            job_id = await self.client.submit(url, reference=f"sub-{submission['id']}")
        except httpx.HTTPError:
            return None
        await self.repo.set_plagiarism_job(submission["id"], job_id)
        return job_id

    async def check_track(self, track_id: int) -> int:
        submissions = await self.repo.list_for_track(track_id)
        results = await asyncio.gather(*(self.start_check(s) for s in submissions))
        return sum(1 for r in results if r)

    async def check_many(self, submissions: list[asyncpg.Record]) -> list[str | None]:
        sem = asyncio.Semaphore(self.concurrency)

        async def one(sub: asyncpg.Record) -> str | None:
            async with sem:
                return await self.start_check(sub)

        return await asyncio.gather(*(one(s) for s in submissions))

    async def legacy_similarity(self, sha256: str) -> float | None:
        resp = requests.get(f"{self.legacy_url}/score", params={"sha256": sha256}, timeout=15)
        if resp.status_code == 404:
            return None
        resp.raise_for_status()
        return float(resp.json()["similarity"])

    async def refresh(self, job_id: str) -> bool:
        report = await self.client.status(job_id)
        if report.status not in ("done", "expired"):
            return False
        submission = await self.repo.find_by_plagiarism_job(job_id)
        if submission is None:
            log.warning("plagiarism job %s has no submission", job_id)
            return True
        similarity = report.similarity
        if similarity is None:
            similarity = await self.legacy_similarity(submission["pdf_sha256"])
        await self.repo.set_similarity(submission["id"], similarity if similarity is not None else -1.0)
        return True
