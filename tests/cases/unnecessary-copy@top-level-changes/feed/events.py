import copy
import json
from datetime import datetime, timezone
from typing import Any


class Publisher:
    def __init__(self, redis: Any) -> None:
        self._redis = redis

    async def publish(self, topic: str, event: dict[str, Any]) -> None:
        envelope = copy.deepcopy(event)  # expect: unnecessary-copy
        envelope.setdefault("ts", datetime.now(timezone.utc).isoformat())
        envelope["topic"] = topic
        await self._redis.publish(topic, json.dumps(envelope))

    async def publish_redacted(self, topic: str, event: dict[str, Any]) -> None:
        # look-alike: a nested value is changed, so the caller's event needs the deep copy
        envelope = copy.deepcopy(event)
        envelope["user"]["email"] = "***"
        envelope["topic"] = topic
        await self._redis.publish(topic, json.dumps(envelope))

    async def publish_kept(self, topic: str, event: dict[str, Any]) -> dict[str, Any]:
        # look-alike: the copy is returned to the caller, who may change anything in it
        envelope = copy.deepcopy(event)
        envelope["topic"] = topic
        return envelope
