from __future__ import annotations

import json
from typing import Any

from redis.asyncio import Redis

from judgehall.cache import keys
from judgehall.models import Submission


class EventPublisher:
    """Publishes domain events on redis channels consumed by websocket hubs in every replica."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    async def _publish(self, channel: str, payload: dict[str, Any]) -> None:
        await self.redis.publish(channel, json.dumps(payload, separators=(",", ":"), default=str))

    async def publish_submission(self, sub: Submission) -> None:
        await self._publish(
            keys.submission_channel(sub.id),
            {
                "type": "submission",
                "id": sub.id,
                "status": sub.status.value,
                "verdict": sub.verdict.value if sub.verdict else None,
                "failed_test": sub.failed_test,
            },
        )

    async def publish_scoreboard(self, contest_id: int, change: dict[str, Any]) -> None:
        await self._publish(keys.scoreboard_channel(contest_id), {"type": "scoreboard", **change})

    async def publish_clarification(self, contest_id: int, payload: dict[str, Any]) -> None:
        await self._publish(keys.clarification_channel(contest_id), {"type": "clarification", **payload})
