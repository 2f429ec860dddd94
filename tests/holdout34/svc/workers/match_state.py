"""Listens for match state transitions published by operators or the ingest pipeline."""
from __future__ import annotations

import json
import logging

from redis.asyncio import Redis

from svc.services.scores import ScoreBoard
from svc.services.webhooks import WebhookService

logger = logging.getLogger(__name__)

CHANNEL = "match-state"


async def listen_match_state(redis: Redis, scores: ScoreBoard, webhooks: WebhookService) -> None:
    pubsub = redis.pubsub()
    await pubsub.subscribe(CHANNEL)
    try:
        while True:
            message = await pubsub.get_message(ignore_subscribe_messages=True, timeout=1.0)
            if message is None:
                continue
            data = json.loads(message["data"])
            match_id = int(data["match_id"])
            if data["state"] == "finished":
                await scores.finish(match_id)
            await webhooks.dispatch(match_id, f"state.{data['state']}", data)
            logger.info("match %s moved to %s", match_id, data["state"])
    finally:
        await pubsub.aclose()
