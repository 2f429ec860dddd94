from __future__ import annotations

import asyncio
import json
import logging
from collections import defaultdict
from typing import Any

import redis.asyncio as redis
from fastapi import WebSocket

from ..cache.locks import KeyedLocks
from ..cache.redis import QUERY_CHANNEL_PREFIX, query_channel
from ..repositories.clinical import FormRepository
from ..repositories.queries import QueryRepository
from ..security import CurrentUser
from ..utils.timeutil import utcnow
from .audit import AuditService
from .forms import FormService

log = logging.getLogger(__name__)


class QueryService:
    """Monitor/site query threads on eCRF fields."""

    def __init__(
        self,
        repo: QueryRepository,
        forms_repo: FormRepository,
        forms: FormService,
        audit: AuditService,
        redis_client: redis.Redis,
        locks: KeyedLocks,
    ) -> None:
        self._repo = repo
        self._forms_repo = forms_repo
        self._forms = forms
        self._audit = audit
        self._redis = redis_client
        self._locks = locks

    async def raise_manual(self, study_id: int, site_id: int, submission_id: int, field_code: str,
                           text: str, user: CurrentUser) -> int:
        query_id = await self._repo.raise_query(study_id, site_id, submission_id, field_code, text, user.id, utcnow())
        self._audit.record(user.id, "query.raised", "data_query", query_id, {"field": field_code})
        return query_id

    async def reply(self, query_id: int, body: str, user: CurrentUser) -> dict[str, Any]:
        thread = await self._repo.get(query_id)
        reply_id = await self._repo.add_reply(query_id, user.id, body, utcnow())
        await self._repo.set_reply_count(query_id, thread["reply_count"] + 1)
        message = {"type": "reply", "query_id": query_id, "id": reply_id, "author": user.id, "body": body}
        await self._redis.publish(query_channel(query_id), json.dumps(message))
        return message

    async def close(self, query_id: int, user: CurrentUser) -> bool:
        async with self._locks.for_query(query_id):
            row = await self._repo.get(query_id)
            closed = await self._repo.close(query_id, utcnow())
            if closed:
                await self._forms.release_query_hold(row["submission_id"], query_id)
        if closed:
            await self._redis.publish(query_channel(query_id), json.dumps({"type": "closed", "query_id": query_id}))
            await self._audit.record(user.id, "query.closed", "data_query", query_id)
        return closed

    async def open_for_site(self, site_id: int) -> list[dict[str, Any]]:
        rows = await self._repo.open_for_site(site_id)
        result = []
        for row in rows:
            form = await self._forms_repo.get(row["submission_id"])
            result.append({**dict(row), "form_code": form.form_code, "subject_id": form.subject_id})
        return result

    async def monitor_digest(self, study_id: int) -> list[dict[str, Any]]:
        forms = await self._forms_repo.list_for_study(study_id, status="queried")
        digest = []
        for query in await self._repo.open_for_study(study_id):
            form = next((f for f in forms if f.id == query["submission_id"]), None)
            digest.append({"query_id": query["id"], "form_code": form.form_code if form else None,
                           "age_days": (utcnow() - query["raised_at"]).days})
        return digest


class QueryThreadHub:
    """Sockets watching query threads on this replica; events arrive over redis pub/sub."""

    def __init__(self, redis_client: redis.Redis, send_timeout: float = 5.0) -> None:
        self._redis = redis_client
        self._rooms: dict[int, set[WebSocket]] = defaultdict(set)
        self._send_timeout = send_timeout

    def join(self, query_id: int, ws: WebSocket) -> None:
        self._rooms[query_id].add(ws)

    def leave(self, query_id: int, ws: WebSocket) -> None:
        room = self._rooms.get(query_id)
        if room is not None:
            room.discard(ws)
            if not room:
                self._rooms.pop(query_id, None)

    async def run(self) -> None:
        pubsub = self._redis.pubsub()
        await pubsub.psubscribe(f"{QUERY_CHANNEL_PREFIX}*")
        try:
            async for message in pubsub.listen():
                if message["type"] != "pmessage":
                    continue
                query_id = int(message["channel"].rsplit(":", 1)[1])
                await self._deliver(query_id, message["data"])
        finally:
            await pubsub.aclose()

    async def _deliver(self, query_id: int, data: str) -> None:
        for ws in list(self._rooms.get(query_id, ())):
            try:
                await asyncio.wait_for(ws.send_text(data), timeout=self._send_timeout)
            except Exception:
                log.info("dropping slow or closed socket on query %s", query_id, exc_info=True)
                self.leave(query_id, ws)
