from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from glossa.db.models import SourceString, Translation
from glossa.errors import NotFound
from glossa.parsers.base import CatalogEntry
from glossa.repositories import BaseRepository
from glossa.utils.text import chunked, text_digest


class StringRepository(BaseRepository[SourceString]):
    model = SourceString

    async def list_by_project(self, session: AsyncSession, project_id: int, *, include_obsolete: bool = False) -> list[SourceString]:
        stmt = select(SourceString).where(SourceString.project_id == project_id)
        if not include_obsolete:
            stmt = stmt.where(SourceString.is_obsolete.is_(False))
        return list(await session.scalars(stmt.order_by(SourceString.id)))

    async def by_ids(self, session: AsyncSession, project_id: int, ids: Sequence[int]) -> list[SourceString]:
        stmt = select(SourceString).where(SourceString.project_id == project_id, SourceString.id.in_(ids))
        return list(await session.scalars(stmt))

    async def count_for_project(self, session: AsyncSession, project_id: int) -> int:
        stmt = select(func.count()).select_from(SourceString).where(
            SourceString.project_id == project_id, SourceString.is_obsolete.is_(False)
        )
        return int(await session.scalar(stmt) or 0)

    async def page(self, session: AsyncSession, project_id: int, after_id: int, limit: int) -> list[SourceString]:
        stmt = (
            select(SourceString)
            .where(SourceString.project_id == project_id, SourceString.id > after_id)
            .order_by(SourceString.id)
            .limit(limit)
        )
        return list(await session.scalars(stmt))

    async def search(self, session: AsyncSession, project_id: int, q: str, limit: int = 50) -> list[SourceString]:
        pattern = f"%{q}%"
        stmt = (
            select(SourceString)
            .where(SourceString.project_id == project_id)
            .where(or_(SourceString.key.ilike(pattern), SourceString.text.ilike(pattern)))
            .order_by(SourceString.key)
            .limit(limit)
        )
        return list(await session.scalars(stmt))

    async def ids_by_key(self, session: AsyncSession, project_id: int, keys: Sequence[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for batch in chunked(list(keys), 1000):
            stmt = select(SourceString.key, SourceString.id).where(
                SourceString.project_id == project_id, SourceString.key.in_(batch)
            )
            found.update({key: ident for key, ident in await session.execute(stmt)})
        return found

    async def upsert_many(self, session: AsyncSession, project_id: int, entries: Sequence[CatalogEntry]) -> int:
        written = 0
        # asyncpg caps a statement at 32767 bind parameters; five per row
        for batch in chunked(list(entries), 2000):
            rows = [
                {
                    "project_id": project_id,
                    "key": e.key,
                    "context": e.context,
                    "text": e.source,
                    "text_hash": text_digest(e.source),
                }
                for e in batch
            ]
            stmt = pg_insert(SourceString).values(rows)
            stmt = stmt.on_conflict_do_update(
                constraint="uq_strings_project_key",
                set_={
                    "text": stmt.excluded.text,
                    "text_hash": stmt.excluded.text_hash,
                    "is_obsolete": False,
                    "updated_at": func.now(),
                },
            )
            await session.execute(stmt)
            written += len(rows)
        return written

    async def mark_obsolete(self, session: AsyncSession, ids: Sequence[int]) -> None:
        for batch in chunked(list(ids), 1000):
            await session.execute(update(SourceString).where(SourceString.id.in_(batch)).values(is_obsolete=True))


class TranslationRepository(BaseRepository[Translation]):
    model = Translation

    async def get_for_string(self, session: AsyncSession, string_id: int, locale: str) -> Translation | None:
        stmt = select(Translation).where(Translation.string_id == string_id, Translation.locale == locale)
        return await session.scalar(stmt)

    async def for_strings(self, session: AsyncSession, string_ids: Sequence[int], locale: str) -> dict[int, Translation]:
        result: dict[int, Translation] = {}
        for chunk in chunked(list(string_ids), 1000):
            stmt = select(Translation).where(Translation.string_id.in_(chunk), Translation.locale == locale)
            for tr in await session.scalars(stmt):
                result[tr.string_id] = tr
        return result

    async def lock_row(self, session: AsyncSession, translation_id: int) -> Translation:
        stmt = select(Translation).where(Translation.id == translation_id).with_for_update()
        row = await session.scalar(stmt)
        if row is None:
            raise NotFound(f"translation {translation_id} not found")
        return row

    async def lock_for_string(self, session: AsyncSession, string_id: int, locale: str) -> Translation | None:
        stmt = (
            select(Translation)
            .where(Translation.string_id == string_id, Translation.locale == locale)
            .with_for_update()
        )
        return await session.scalar(stmt)

    async def count_status(self, session: AsyncSession, project_id: int, locale: str, status: str) -> int:
        stmt = (
            select(func.count())
            .select_from(Translation)
            .join(SourceString, SourceString.id == Translation.string_id)
            .where(SourceString.project_id == project_id, Translation.locale == locale, Translation.status == status)
        )
        return int(await session.scalar(stmt) or 0)

    async def upsert_texts(
        self,
        session: AsyncSession,
        locale: str,
        pairs: Sequence[tuple[int, str]],
        *,
        status: str,
        user_id: int | None = None,
    ) -> int:
        """Write imported or machine translations; never overwrite an approved one."""
        written = 0
        for part in chunked(list(pairs), 2000):
            rows = [
                {"string_id": sid, "locale": locale, "text": text, "status": status, "translator_id": user_id}
                for sid, text in part
            ]
            stmt = pg_insert(Translation).values(rows)
            stmt = stmt.on_conflict_do_update(
                constraint="uq_translations_string_locale",
                set_={"text": stmt.excluded.text, "status": stmt.excluded.status, "version": Translation.version + 1},
                where=Translation.status != "approved",
            )
            await session.execute(stmt)
            written += len(rows)
        return written
