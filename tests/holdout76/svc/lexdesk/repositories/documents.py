from __future__ import annotations

from sqlalchemy import func, select, text, update

from lexdesk.models import Document
from lexdesk.repositories.base import SqlRepository


class DocumentRepository(SqlRepository[Document]):
    model = Document

    async def find_duplicate(self, firm_id: int, digest: str) -> Document | None:
        stmt = select(Document).where(
            Document.firm_id == firm_id,
            Document.sha256 == digest,
        ).limit(1)
        return (await self._session.scalars(stmt)).first()

    async def count_by_ocr_status(self, matter_id: int, status: str) -> int:
        stmt = select(func.count()).where(Document.matter_id == matter_id, Document.ocr_status == status)
        return int(await self._session.scalar(stmt) or 0)

    async def set_ocr_result(self, document_id: int, *, text_body: str, status: str, page_count: int | None) -> None:
        await self._session.execute(
            update(Document)
            .where(Document.id == document_id)
            .values(ocr_text=text_body, ocr_status=status, page_count=page_count)
        )

    async def search(self, firm_id: int, query: str, limit: int = 25) -> list[dict]:
        result = await self._session.execute(
            text(
                """
                SELECT id, matter_id, filename,
                       ts_headline('english', coalesce(ocr_text, ''), q, 'MaxFragments=2') AS snippet
                FROM documents, websearch_to_tsquery('english', :query) AS q
                WHERE firm_id = :firm
                  AND ocr_tsv @@ q
                ORDER BY ts_rank(ocr_tsv, q) DESC
                LIMIT :limit
                """
            ),
            {"firm": firm_id, "query": query, "limit": limit},
        )
        return [dict(r._mapping) for r in result]

    async def quick_search(self, firm_id: int, term: str, limit: int = 25) -> list[dict]:
        """Substring match for docket numbers and exhibit labels the stemmer mangles."""
        result = await self._session.execute(
            text(
                """
                SELECT id, matter_id, filename
                FROM documents
                WHERE firm_id = :firm
                  AND ocr_text ILIKE '%' || :term || '%'
                ORDER BY uploaded_at DESC
                LIMIT :limit
                """
            ),
            {"firm": firm_id, "term": term, "limit": limit},
        )
        return [dict(r._mapping) for r in result]
