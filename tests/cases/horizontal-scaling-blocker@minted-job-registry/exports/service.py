"""Export jobs: started by one request, polled by later ones."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any


@dataclass
class Job:
    job_id: str
    status: str = "queued"


class ExportService:
    def __init__(self, repo: Any) -> None:
        self._repo = repo
        self._jobs: dict[str, Job] = {}  # expect: horizontal-scaling-blocker
        self._formats: dict[str, str] = {}

    def start(self, fmt: str) -> Job:
        job = Job(job_id=uuid.uuid4().hex)
        self._jobs[job.job_id] = job
        return job

    def status(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    def register_format(self, name: str, mime: str) -> str:
        self._formats[name] = mime
        return mime

    def mime_of(self, name: str) -> str | None:
        return self._formats.get(name)


class DurableExports:
    """Jobs kept in the database: any replica answers the status request."""

    def __init__(self, repo: Any) -> None:
        self._repo = repo

    async def start(self, fmt: str) -> str:
        job_id = uuid.uuid4().hex
        await self._repo.insert_job(job_id, fmt)
        return job_id

    async def status(self, job_id: str) -> Any:
        return await self._repo.job(job_id)
