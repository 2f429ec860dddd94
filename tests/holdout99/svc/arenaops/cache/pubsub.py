from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

BRACKET_CHANNEL = "arena:bracket-updates"
MATCHROOM_CHANNEL = "arena:matchroom"


async def publish_bracket_update(redis: Redis, tournament_id: int, event: dict[str, Any]) -> int:
    return await redis.publish(BRACKET_CHANNEL, json.dumps({"tournament_id": tournament_id, **event}))


async def publish_matchroom(redis: Redis, match_id: int, event: dict[str, Any]) -> int:
    return await redis.publish(MATCHROOM_CHANNEL, json.dumps({"match_id": match_id, **event}))


def encode_event(kind: str, **fields: Any) -> dict[str, Any]:
    return {"kind": kind, **fields}
