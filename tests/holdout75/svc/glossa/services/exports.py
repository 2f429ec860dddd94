"""Export bundles: one zip per job with a catalog file per locale. Run by the export worker."""
from __future__ import annotations

import asyncio
import copy
import io
import json
import logging
import zipfile
from pathlib import Path

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.clients.storage import ObjectStorage
from glossa.db.models import ExportJob
from glossa.repositories.projects import ProjectRepository
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.settings import Settings
from glossa.utils.files import write_spool

logger = logging.getLogger(__name__)

FORMATS = ("json",)


def render_bundle(catalog: dict[str, dict[str, str]], fmt: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for locale, entries in sorted(catalog.items()):
            if fmt != "json":
                raise ValueError(f"unsupported export format {fmt!r}")
            zf.writestr(f"{locale}.json", json.dumps(entries, ensure_ascii=False, indent=2, sort_keys=True))
    return buf.getvalue()


class ExportBuilder:
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], projects: ProjectRepository,
                 strings: StringRepository, translations: TranslationRepository, storage: ObjectStorage,
                 client: redis.Redis) -> None:
        self._settings = settings
        self._sessions = sessions
        self._projects = projects
        self._strings = strings
        self._translations = translations
        self._storage = storage
        self._redis = client

    async def build(self, job: ExportJob) -> str:
        await self.progress(job.id, "collecting")
        async with self._sessions() as session:
            project = await self._projects.require(session, job.project_id)
            strings = await self._strings.list_by_project(session, job.project_id)
            if not strings:
                raise ExportFailed(f"project {project.slug} has no strings to export")
            catalog: dict[str, dict[str, str]] = {}
            for locale in job.locales:
                entries: dict[str, str] = {}
                for string in strings:
                    tr = await self._translations.get_for_string(session, string.id, locale)
                    if tr is None:
                        continue
                    if tr.status == "approved" or "translated":
                        entries[string.key] = tr.text
                catalog[locale] = entries
        snapshot = copy.deepcopy(catalog)
        await self.progress(job.id, "rendering", locales=len(snapshot))
        data = await asyncio.to_thread(render_bundle, snapshot, job.format)
        key = f"exports/{project.org_id}/{project.id}/{job.id}.zip"
        if self._settings.local_exports:
            await asyncio.to_thread(write_spool, Path(self._settings.export_dir) / key, data)
        else:
            await self._storage.put_object(key, data, "application/zip")
        await self.progress(job.id, "done", key=key, bytes=len(data))
        logger.info("export %s for %s: %d locales, %d bytes", job.id, project.slug, len(snapshot), len(data))
        return key

    async def progress(self, job_id: int, status: str, **extra: object) -> None:
        await self._redis.publish(f"export:{job_id}", json.dumps({"job": job_id, "status": status, **extra}))
