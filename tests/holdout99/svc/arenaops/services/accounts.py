from __future__ import annotations

import asyncio
import logging
import os
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from arenaops.clients.publisher import PublisherClient
from arenaops.errors import AccountLinkError, NotFound
from arenaops.models import Player
from arenaops.settings import Settings
from arenaops.utils.hashing import derive_link_token
from arenaops.utils.timeutil import utcnow

logger = logging.getLogger(__name__)


class AccountService:
    """Links player accounts to the publisher's OAuth identity and keeps ranks fresh."""

    def __init__(self, settings: Settings, publisher: PublisherClient) -> None:
        self._settings = settings
        self._publisher = publisher
        self._profile_cache: dict[str, dict[str, Any]] = {}

    async def link_account(self, session: AsyncSession, player_id: int, code: str, redirect_uri: str) -> Player:
        player = await session.get(Player, player_id)
        if player is None:
            raise NotFound("player not found")
        try:
            tokens = await self._publisher.exchange_code(code, redirect_uri)
            profile = await self._publisher.get_profile(tokens["puuid"])
        except Exception as exc:
            raise AccountLinkError(str(exc)) from exc
        salt = os.urandom(16)
        player.puuid = profile["puuid"]
        player.publisher_rank = profile.get("rank")
        player.refresh_token = tokens.get("refresh_token")
        player.linked_at = utcnow()
        link_token = derive_link_token(self._settings.webhook_secret, player.puuid, salt, self._settings.hash_iterations)
        logger.info("linked player %s to %s (token %s...)", player_id, player.puuid, link_token[:6])
        return player

    async def verify_link(self, puuid: str, salt: bytes, presented: str) -> bool:
        expected = await asyncio.to_thread(
            derive_link_token, self._settings.webhook_secret, puuid, salt, self._settings.hash_iterations
        )
        return expected == presented

    async def cached_profile(self, puuid: str) -> dict[str, Any]:
        profile = self._profile_cache.get(puuid)
        if profile is None:
            profile = await self._publisher.get_profile(puuid)
            self._profile_cache[puuid] = profile
        return profile

    async def refresh_ranks(self, players: list[Player]) -> int:
        updated = 0
        for player in players:
            if not player.puuid:
                continue
            profile = await self._publisher.get_profile(player.puuid)
            if profile.get("rank") != player.publisher_rank:
                player.publisher_rank = profile.get("rank")
                updated += 1
        return updated

    async def refresh_ranks_batched(self, players: list[Player]) -> int:
        by_puuid = {p.puuid: p for p in players if p.puuid}
        updated = 0
        for start in range(0, len(by_puuid), 100):
            chunk = list(by_puuid)[start:start + 100]
            for profile in await self._publisher.get_profiles(chunk):
                player = by_puuid[profile["puuid"]]
                if profile.get("rank") != player.publisher_rank:
                    player.publisher_rank = profile.get("rank")
                    updated += 1
        return updated
