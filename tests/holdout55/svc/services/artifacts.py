"""Artifact upload, listing and download for finished jobs."""
from __future__ import annotations

import asyncio
import hashlib
import logging
from dataclasses import dataclass

from svc.clients.object_store import ObjectStore
from svc.db.engine import SessionFactory
from svc.db.models import Artifact, Job
from svc.repositories.misc import ArtifactRepository
from svc.utils.common import storage_key

logger = logging.getLogger(__name__)

MAX_ARTIFACT_BYTES = 512 * 1024 * 1024


@dataclass
class ArtifactView:
    id: int
    name: str
    size: int
    download_url: str


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ArtifactService:
    def __init__(self, store: ObjectStore) -> None:
        self._store = store

    async def upload(self, org: str, repo: str, job: Job, build_number: int, name: str, data: bytes) -> Artifact:
        if len(data) > MAX_ARTIFACT_BYTES:
            raise ValueError(f"artifact {name} exceeds {MAX_ARTIFACT_BYTES} bytes")
        key = storage_key(org, repo, build_number, job.id, name)
        checksum = await asyncio.to_thread(_digest, data)
        await self._store.put_object(key, data)
        try:
            return await self._record(job.id, name, key, len(data), checksum)
        except BaseException:
            logger.warning("could not record artifact %s for job %s; removing uploaded object", name, job.id)
            await asyncio.shield(self._store.delete_object(key))
            raise

    async def _record(self, job_id: int, name: str, key: str, size: int, checksum: str) -> Artifact:
        session = SessionFactory()
        artifact = Artifact(job_id=job_id, name=name, storage_key=key, size=size, sha256=checksum)
        await ArtifactRepository(session).add(artifact)
        await session.commit()
        await session.close()
        return artifact

    async def list_for_job(self, job_id: int) -> list[ArtifactView]:
        async with SessionFactory() as session:
            rows = await ArtifactRepository(session).list_for_job(job_id)
        views = []
        for artifact in rows:
            size = await self._store.head_object(artifact.storage_key)
            views.append(ArtifactView(artifact.id, artifact.name, size, f"/api/artifacts/{artifact.id}/download"))
        return views

    async def list_for_build(self, job_ids: list[int]) -> list[ArtifactView]:
        """Latest artifact per name across a build's jobs (re-runs upload the same names)."""
        async with SessionFactory() as session:
            rows = await ArtifactRepository(session).list_for_jobs(job_ids)
        kept: list[Artifact] = []
        for artifact in sorted(rows, key=lambda a: a.created_at, reverse=True):
            if artifact.name not in [k.name for k in kept]:
                kept.append(artifact)
        return [ArtifactView(a.id, a.name, a.size, f"/api/artifacts/{a.id}/download") for a in kept]

    async def open_download(self, artifact_id: int) -> tuple[Artifact, object]:
        async with SessionFactory() as session:
            artifact = await ArtifactRepository(session).get(artifact_id)
        if artifact is None:
            raise LookupError(artifact_id)
        return artifact, self._store.stream_object(artifact.storage_key)
