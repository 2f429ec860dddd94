"""Data query resolution: raise, answer and close queries on submitted data."""
from __future__ import annotations

import asyncio
import json
import logging
from datetime import UTC, datetime
from typing import Any

from redis.asyncio import Redis

from svc.clients.internal import SiteDirectoryClient
from svc.db.pool import Database
from svc.errors import Conflict, NotFound
from svc.repositories.audit import AuditRepository
from svc.repositories.forms import FormRepository
from svc.repositories.forms import QueryRepository

log = logging.getLogger(__name__)

_submission_summaries: dict[int, dict[str, Any]] = {}
_LAST_SWEEP: datetime | None = None


class QueryService:
    def __init__(
        self,
        db: Database,
        queries: QueryRepository,
        forms: FormRepository,
        audit: AuditRepository,
        directory: SiteDirectoryClient,
        cache: Redis,
    ) -> None:
        self._db = db
        self._queries = queries
        self._forms = forms
        self._audit = audit
        self._directory = directory
        self._cache = cache
        self._background: set[asyncio.Task[None]] = set()

    async def raise_query(self, submission_id: int, field_path: str, actor_id: str, assigned_to: str | None) -> int:
        async with self._db.transaction() as conn:
            submission = await self._forms.get_submission(conn, submission_id)
            if submission is None:
                raise NotFound(f"submission {submission_id} not found")
            site_id = await conn.fetchval(
                "SELECT site_id FROM participants WHERE id = $1", submission["participant_id"]
            )
            query_id = await self._queries.raise_query(conn, submission_id, site_id, field_path, actor_id, assigned_to)
            await self._audit.record(conn, "query", query_id, "raised", actor_id, after={"field": field_path})
        await self._cache.publish(f"edc:alerts:{site_id}", json.dumps({"type": "query.raised", "site_id": site_id, "query_id": query_id}))
        return query_id

    async def resolve(self, query_id: int, actor_id: str) -> None:
        async with self._db.transaction() as conn:
            row = await self._queries.resolve(conn, query_id, actor_id)
            if row is None:
                raise Conflict(f"query {query_id} is not open")
            await self._audit.record(conn, "query", query_id, "resolved", actor_id)
        task = asyncio.create_task(self._notify_site(row["site_id"], query_id))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def my_queries(self, user_id: str) -> list[dict[str, Any]]:
        async with self._db.connection() as conn:
            rows = await self._queries.for_assignee(conn, user_id)
        return [dict(r) for r in rows]

    async def submission_summary(self, submission_id: int) -> dict[str, Any]:
        if submission_id in _submission_summaries:
            return dict(_submission_summaries[submission_id])
        async with self._db.connection() as conn:
            row = await self._forms.get_submission(conn, submission_id)
        if row is None:
            raise NotFound(f"submission {submission_id} not found")
        summary = {"id": row["id"], "participant_id": row["participant_id"], "version": row["version"], "status": row["status"]}
        _submission_summaries[submission_id] = summary
        return dict(summary)

    async def overdue_sweep(self, older_than_days: int = 7) -> dict[str, list[int]]:
        global _LAST_SWEEP
        cutoff = datetime.now(UTC) - timedelta(days=older_than_days)
        async with self._db.connection() as conn:
            rows = await self._queries.overdue(conn, cutoff, limit=5_000)
        by_assignee: dict[str, list[int]] = {}
        for row in rows:
            if row["assigned_to"]:
                by_assignee.setdefault(row["assigned_to"], []).append(row["id"])
        _LAST_SWEEP = datetime.now(UTC)
        return by_assignee

    async def _notify_site(self, site_id: int, query_id: int) -> None:
        contacts = await self._directory.site_contacts(site_id)
        event = {"type": "query.resolved", "site_id": site_id, "query_id": query_id, "contacts": len(contacts.get("contacts", []))}
        await self._cache.publish(f"edc:alerts:{site_id}", json.dumps(event))
