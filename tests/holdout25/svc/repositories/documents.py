"""Raw-SQL access to uploaded documents."""
from __future__ import annotations

from typing import Any

from fastapi import HTTPException

from svc.db.pool import connection

_COLUMNS = "id, permit_id, filename, content_type, sha256, size_bytes, storage_path, scan_status, uploaded_at"


class DocumentRepository:
    async def get(self, document_id: int) -> dict[str, Any]:
        async with connection() as conn:
            rec = await conn.fetchrow(f"SELECT {_COLUMNS} FROM documents WHERE id = $1", document_id)
        if rec is None:
            raise HTTPException(status_code=404, detail="document not found")
        return dict(rec)

    async def list_for_permit(self, permit_id: int) -> list[dict[str, Any]]:
        async with connection() as conn:
            recs = await conn.fetch(
                f"SELECT {_COLUMNS} FROM documents WHERE permit_id = $1 ORDER BY uploaded_at", permit_id
            )
        return [dict(r) for r in recs]

    async def list_for_permits(self, permit_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        grouped: dict[int, list[dict[str, Any]]] = {pid: [] for pid in permit_ids}
        async with connection() as conn:
            recs = await conn.fetch(
                f"SELECT {_COLUMNS} FROM documents WHERE permit_id = ANY($1::bigint[]) ORDER BY uploaded_at",
                permit_ids,
            )
        for r in recs:
            grouped[r["permit_id"]].append(dict(r))
        return grouped

    async def find_by_digest(self, permit_id: int, sha256: str) -> dict[str, Any] | None:
        async with connection() as conn:
            rec = await conn.fetchrow(
                f"SELECT {_COLUMNS} FROM documents WHERE sha256 = $1 AND scan_status = 'clean' LIMIT 1",
                sha256,
            )
        if rec is None or rec["permit_id"] != permit_id:
            return None
        return dict(rec)

    async def insert(
        self,
        permit_id: int,
        filename: str,
        content_type: str,
        sha256: str,
        size_bytes: int,
        storage_path: str,
        scan_status: str,
    ) -> int:
        async with connection() as conn:
            return await conn.fetchval(
                """
                INSERT INTO documents (permit_id, filename, content_type, sha256, size_bytes, storage_path, scan_status)
                VALUES ($1, $2, $3, $4, $5, $6, $7)
                RETURNING id
                """,
                permit_id,
                filename,
                content_type,
                sha256,
                size_bytes,
                storage_path,
                scan_status,
            )

    async def set_scan_status(self, document_ids: list[int], status: str) -> None:
        async with connection() as conn:
            await conn.executemany(
                "UPDATE documents SET scan_status = $2 WHERE id = $1",
                [(doc_id, status) for doc_id in document_ids],
            )
