from __future__ import annotations

import json
from typing import Any

import redis.asyncio as redis

from loyalty.config import Settings


def create_redis(settings: Settings) -> redis.Redis:
    return redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_socket_timeout,
        socket_connect_timeout=settings.redis_socket_timeout,
        health_check_interval=30,
        decode_responses=True,
    )


BALANCE_CHANNEL = "loyalty:balance-updates"
CAMPAIGN_CHANNEL = "loyalty:campaign-events"


def balance_key(member_id: int) -> str:
    return f"loyalty:balance:{member_id}"


def voucher_stock_key(reward_id: int) -> str:
    return f"loyalty:stock:{reward_id}"


class BalancePublisher:
    def __init__(self, client: redis.Redis) -> None:
        self._redis = client

    async def publish(self, member_id: int, balance: int, reason: str, extra: dict[str, Any] | None = None) -> None:
        message = {"member_id": member_id, "balance": balance, "reason": reason, **(extra or {})}
        await self._redis.publish(BALANCE_CHANNEL, json.dumps(message))
