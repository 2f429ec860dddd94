from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any

import asyncpg
import redis.asyncio as aioredis

logger = logging.getLogger(__name__)

HISTORY_STREAM_MAXLEN = 5_000


class ChatService:
    def __init__(self, pool: asyncpg.Pool, redis: aioredis.Redis) -> None:
        self.pool = pool
        self.redis = redis

    async def is_party(self, contract_id: int, user_id: int) -> bool:
        async with self.pool.acquire(timeout=5) as conn:
            row = await conn.fetchrow(
                "SELECT 1 FROM contracts WHERE id = $1 AND (client_id = $2 OR freelancer_id = $2)",
                contract_id, user_id,
            )
        return row is not None

    async def save_message(self, contract_id: int, sender_id: int, text: str) -> dict[str, Any]:
        sent_at = datetime.now(timezone.utc)
        message = {"contract_id": contract_id, "sender_id": sender_id, "text": text, "sent_at": sent_at.isoformat()}
        await self.redis.xadd(
            f"chat:{contract_id}", {"payload": json.dumps(message)}, maxlen=HISTORY_STREAM_MAXLEN, approximate=True
        )
        return message

    async def recent(self, contract_id: int, count: int = 50) -> list[dict[str, Any]]:
        entries = await self.redis.xrevrange(f"chat:{contract_id}", count=count)
        return [json.loads(fields["payload"]) for _, fields in reversed(entries)]
