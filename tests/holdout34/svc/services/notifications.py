"""Push notifications to fans' devices for goals and kick-offs."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import httpx

from svc.clients.push_gateway import PushGatewayClient, PushResult
from svc.config import settings
from svc.db.repositories.fans import FanRepository

logger = logging.getLogger(__name__)


class NotificationService:
    def __init__(self, fans: FanRepository, push: PushGatewayClient) -> None:
        self._fans = fans
        self._push = push
        self._sem = asyncio.Semaphore(settings.push_concurrency)

    async def notify_goal(self, match_id: int, team_ids: Sequence[int], text: str) -> int:
        fan_ids = await self._fans.fans_following(team_ids)
        per_fan = await asyncio.gather(*(self._fans.devices_for(fan_id) for fan_id in fan_ids))
        tokens = [device.token for devices in per_fan for device in devices]
        return await self._fan_out(tokens, "GOAL!", text, {"match_id": str(match_id), "kind": "goal"})

    async def notify_kickoff(self, match_id: int, team_ids: Sequence[int], text: str) -> int:
        fan_ids = await self._fans.fans_following(team_ids)
        devices = await self._fans.devices_for_fans(fan_ids)
        tokens = [device.token for group in devices.values() for device in group]
        return await self._fan_out(tokens, "Kick-off", text, {"match_id": str(match_id), "kind": "kickoff"})

    async def _send_one(self, token: str, title: str, body: str, data: dict[str, Any]) -> PushResult | None:
        async with self._sem:
            try:
                return await self._push.send(token, title, body, data)
            except httpx.HTTPError as exc:
                logger.warning("push to device %s… failed: %s", token[:8], exc)
                return None

    async def _fan_out(self, tokens: list[str], title: str, body: str, data: dict[str, Any]) -> int:
        if not tokens:
            return 0
        results = await asyncio.gather(*(self._send_one(t, title, body, data) for t in tokens))
        unregistered = [r.token for r in results if r is not None and r.unregistered]
        await self._fans.remove_devices(unregistered)
        delivered = sum(1 for r in results if r is not None and r.ok)
        logger.info("push %s: %d/%d delivered", data.get("kind"), delivered, len(tokens))
        return delivered
