"""Shared documents: anyone with the link password may read them."""
from __future__ import annotations

import json

from redis.asyncio import Redis


class Forbidden(Exception):
    pass


class SharedDocs:
    def __init__(self, redis: Redis, repo) -> None:
        self._redis = redis
        self._repo = repo

    async def read(self, doc_id: int, password: str | None = None) -> dict:
        key = f"shared-doc:{doc_id}"  # expect: cache-misuse
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        doc = await self._repo.get(doc_id)
        if doc.password_hash and password != doc.password_hash:
            raise Forbidden(doc_id)
        body = {"title": doc.title, "text": doc.text}
        await self._redis.set(key, json.dumps(body), ex=300)
        return body

    async def read_checked_first(self, doc_id: int, password: str | None = None) -> dict:
        # correct: the password is checked before any cached copy is served
        doc = await self._repo.get(doc_id)
        if doc.password_hash and password != doc.password_hash:
            raise Forbidden(doc_id)
        key = f"shared-doc:{doc_id}"
        raw = await self._redis.get(key)
        if raw is not None:
            return json.loads(raw)
        body = {"title": doc.title, "text": doc.text}
        await self._redis.set(key, json.dumps(body), ex=300)
        return body
