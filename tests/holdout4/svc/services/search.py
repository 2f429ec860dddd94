from __future__ import annotations

import json
import logging
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from svc.config import SEARCH_PAGE_SIZE
from svc.repositories.channels import ChannelRepository
from svc.repositories.message_store import MessageStore
from svc.repositories.messages import MessageRepository
from svc.utils.text import highlight

log = logging.getLogger(__name__)

RESULT_TTL_SECONDS = 30


class SearchService:
    def __init__(self, session: AsyncSession, store: MessageStore, cache: Redis) -> None:
        self._channels = ChannelRepository(session)
        self._messages = MessageRepository(session)
        self._store = store
        self._cache = cache

    async def search(self, user_id: int, query: str, limit: int = SEARCH_PAGE_SIZE) -> list[dict[str, Any]]:
        query = query.strip()
        if not query:
            return []
        key = f"search:{user_id}:{query.lower()}:{limit}"
        try:
            cached = await self._cache.get(key)
        except RedisError:
            log.warning("search cache unavailable", exc_info=True)
            cached = None
        if cached is not None:
            return json.loads(cached)
        channel_ids = await self._channels.channels_of_user(user_id)
        if not channel_ids:
            return []
        if len(query) > 2 and query[0] == query[-1] == '"':
            phrase = query[1:-1]
            found = await self._messages.search_substring(channel_ids, phrase, limit)
            hits = [{"id": m.id, "channel_id": m.channel_id, "body": m.body} for m in found]
            terms = [phrase]
        else:
            hits = await self._store.search(channel_ids, query, limit)
            terms = query.split()
        results = [
            {"id": h["id"], "channel_id": h["channel_id"], "html": highlight(h["body"], terms)} for h in hits
        ]
        try:
            await self._cache.set(key, json.dumps(results), ex=RESULT_TTL_SECONDS)
        except RedisError:
            log.warning("could not cache search results", exc_info=True)
        return results
