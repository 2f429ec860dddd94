"""Catalog imports from uploads and from git sync."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from glossa.db.models import SourceString
from glossa.errors import ImportRejected, ParseError
from glossa.parsers import detect_format, parse_catalog
from glossa.parsers.base import Catalog, CatalogEntry
from glossa.repositories.strings import StringRepository, TranslationRepository
from glossa.settings import Settings
from glossa.utils.files import spool_path, write_spool

logger = logging.getLogger(__name__)

MAX_KEY_LENGTH = 512


@dataclass
class ImportReport:
    format: str
    received: int = 0
    added: int = 0
    updated: int = 0
    obsolete: int = 0
    translations: int = 0
    words: int = 0


def validate_entry(entry: CatalogEntry) -> None:
    if not entry.key.strip():
        raise ParseError("empty key")
    if len(entry.key) > MAX_KEY_LENGTH:
        raise ParseError(f"key longer than {MAX_KEY_LENGTH} characters: {entry.key[:40]}...")


def diff_keys(existing: list[SourceString], incoming: list[CatalogEntry]) -> tuple[list[CatalogEntry], list[int]]:
    """(entries that are new, ids of existing strings the file no longer has)."""
    incoming_keys = {e.key for e in incoming}
    obsolete = [s.id for s in existing if s.key not in incoming_keys]
    fresh = [e for e in incoming if e.key not in [s.key for s in existing]]
    return fresh, obsolete


class ImportService:
    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession], strings: StringRepository,
                 translations: TranslationRepository) -> None:
        self._settings = settings
        self._sessions = sessions
        self._strings = strings
        self._translations = translations

    async def stage_upload(self, project_id: int, filename: str, data: bytes) -> Path:
        """Keep the raw upload so support can replay a failed import."""
        path = spool_path(self._settings.spool_dir, project_id, filename)
        write_spool(path, data)
        logger.info("staged upload project=%s file=%s bytes=%d", project_id, filename, len(data))
        return path

    async def import_upload(self, project_id: int, filename: str, data: bytes, locale: str | None = None) -> ImportReport:
        fmt = detect_format(filename, data[:512])
        try:
            catalog = parse_catalog(fmt, data)
        except Exception as exc:
            raise ImportRejected(f"could not read {filename}: {exc}") from exc
        return await self._apply(project_id, catalog, locale or catalog.locale, mark_obsolete=False)

    async def import_bytes(self, project_id: int, path: str, data: bytes, *, source: str) -> ImportReport:
        fmt = detect_format(path, data[:512])
        catalog = await asyncio.to_thread(parse_catalog, fmt, data)
        report = await self._apply(project_id, catalog, catalog.locale, mark_obsolete=(source == "git"))
        logger.info("imported %s from %s: +%d ~%d -%d", path, source, report.added, report.updated, report.obsolete)
        return report

    async def _apply(self, project_id: int, catalog: Catalog, locale: str | None, *, mark_obsolete: bool) -> ImportReport:
        report = ImportReport(format=catalog.format, received=len(catalog.entries), words=catalog.words)
        accepted: list[CatalogEntry] = []
        for entry in catalog.entries:
            try:
                validate_entry(entry)
            except ParseError:
                continue
            accepted.append(entry)

        async with self._sessions() as session, session.begin():
            existing = await self._strings.list_by_project(session, project_id, include_obsolete=True)
            fresh, obsolete = diff_keys(existing, accepted)
            await self._strings.upsert_many(session, project_id, accepted)
            report.added = len(fresh)
            report.updated = len(accepted) - len(fresh)
            if mark_obsolete and obsolete:
                await self._strings.mark_obsolete(session, obsolete)
                report.obsolete = len(obsolete)

            targets = [(e.key, e.target) for e in accepted if e.target]
            if locale and targets:
                ids = await self._strings.ids_by_key(session, project_id, [k for k, _ in targets])
                pairs = [(ids[k], text) for k, text in targets if k in ids]
                report.translations = await self._translations.upsert_texts(session, locale, pairs, status="translated")
        return report
