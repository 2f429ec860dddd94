"""Player accounts and public profiles."""
from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from svc import security
from svc.clients.platform import PlatformClient
from svc.db.models import Player
from svc.db.repositories import PlayerRepository, RatingRepository, StoreRepository
from svc.errors import AuthError, ConflictError, NotFoundError

logger = logging.getLogger(__name__)

DEFAULT_MODE = "ranked"
PROFILE_TTL_SECONDS = 60


class RegisterRequest(BaseModel):
    username: str = Field(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9_]+$")
    display_name: str | None = Field(default=None, max_length=64)
    email: EmailStr
    password: str = Field(min_length=10, max_length=128)
    region: str = "eu-west"


class PublicProfile(BaseModel):
    model_config = ConfigDict(frozen=True)

    player_id: int
    display_name: str
    region: str
    mmr: int | None = None
    games_played: int = 0


class ProfileCache:
    """Process-local cache of public profiles, shared by all requests of this worker."""

    def __init__(self, ttl: float = 30.0) -> None:
        self._ttl = ttl
        self._entries: dict[int, tuple[float, PublicProfile]] = {}

    def get(self, player_id: int) -> PublicProfile | None:
        hit = self._entries.get(player_id)
        if hit is None:
            return None
        stored_at, cached_profile = hit
        if time.monotonic() - stored_at > self._ttl:
            return None
        return cached_profile

    def put(self, profile: PublicProfile) -> None:
        self._entries[profile.player_id] = (time.monotonic(), profile)

    def invalidate(self, player_id: int) -> None:
        self._entries.pop(player_id, None)


class ProfileService:
    def __init__(
        self,
        session: AsyncSession,
        redis: Redis,
        cache: ProfileCache,
        platform: PlatformClient | None = None,
    ) -> None:
        self.session = session
        self.players = PlayerRepository(session)
        self.ratings = RatingRepository(session)
        self.redis = redis
        self.cache = cache
        self.platform = platform

    async def register(self, body: RegisterRequest) -> Player:
        if await self.players.by_username(body.username) is not None:
            raise ConflictError("username taken")
        account = self._build_account(body)
        player = await self.players.create(**account)
        await self.session.commit()
        logger.info("registered player %s", player.id)
        return player

    def _build_account(self, body: RegisterRequest) -> dict[str, Any]:
        return {
            "username": body.username,
            "display_name": body.display_name or body.username,
            "email": body.email.lower(),
            "password_hash": security.hash_password(body.password),
            "region": body.region,
        }

    async def authenticate(self, username: str, password: str) -> Player:
        player = await self.players.by_username(username)
        if player is None or player.banned:
            raise AuthError("invalid credentials")
        ok = await asyncio.to_thread(security.verify_password, password, player.password_hash)
        if not ok:
            raise AuthError("invalid credentials")
        return player

    async def public_profile(self, player_id: int) -> PublicProfile:
        cached = self.cache.get(player_id)
        if cached is not None:
            return cached
        key = f"profile:{player_id}"
        try:
            raw = await self.redis.get(key)
        except RedisError:
            logger.warning("profile cache unavailable, reading player %s from db", player_id)
            raw = None
        if raw is not None:
            profile = PublicProfile.model_validate_json(raw)
        else:
            profile = await self._load_profile(player_id)
            try:
                await self.redis.set(key, profile.model_dump_json(), ex=PROFILE_TTL_SECONDS)
            except RedisError:
                pass
        self.cache.put(profile)
        return profile

    async def _load_profile(self, player_id: int) -> PublicProfile:
        player = await self.players.get(player_id)
        if player is None:
            raise NotFoundError(f"player {player_id} not found")
        rating = await self.ratings.get_for_mode(player_id, DEFAULT_MODE)
        return PublicProfile(
            player_id=player.id,
            display_name=player.display_name,
            region=player.region,
            mmr=rating.mmr if rating else None,
            games_played=rating.games_played if rating else 0,
        )

    async def rename(self, player: Player, display_name: str) -> None:
        player.display_name = display_name
        await self.session.commit()
        await self.cache.invalidate(player.id)
        await self.redis.delete(f"profile:{player.id}")

    async def profiles_for(self, player_ids: list[int]) -> list[PublicProfile]:
        by_id = await self.players.get_many(player_ids)
        ratings = await self.ratings.for_players(player_ids, DEFAULT_MODE)
        return [
            PublicProfile(
                player_id=pid,
                display_name=by_id[pid].display_name,
                region=by_id[pid].region,
                mmr=ratings[pid].mmr if pid in ratings else None,
                games_played=ratings[pid].games_played if pid in ratings else 0,
            )
            for pid in player_ids
            if pid in by_id
        ]

    async def friends_overview(self, player_id: int) -> list[PublicProfile]:
        friends = await self.players.list_friends(player_id)
        return [await self.public_profile(f.friend_id) for f in friends]

    async def sync_entitlements(self, player: Player) -> list[str]:
        if self.platform is None or not player.platform_account_id:
            return []
        skus = await self.platform.fetch_entitlements(player.platform_account_id)
        store = StoreRepository(self.session)
        owned = {item.sku for item in await store.inventory_for(player.id)}
        await store.add_inventory_many([(player.id, sku, 1) for sku in skus if sku not in owned])
        await self.session.commit()
        return skus
