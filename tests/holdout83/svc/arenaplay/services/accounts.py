from __future__ import annotations

import asyncio
import logging
import time

import jwt

from arenaplay.clients.steam import SteamAuthClient
from arenaplay.errors import AuthError, ConflictError, NotFoundError
from arenaplay.infra.redis import JsonCache
from arenaplay.repositories.players import PlayerRepository
from arenaplay.schemas import LoginIn, PlayerOut, RegisterIn, TokenOut
from arenaplay.settings import Settings
from arenaplay.utils.hashing import hash_password, verify_password

logger = logging.getLogger(__name__)


class AccountService:
    def __init__(self, players: PlayerRepository, steam: SteamAuthClient, profiles: JsonCache,
                 settings: Settings) -> None:
        self._players = players
        self._steam = steam
        self._profiles = profiles
        self._settings = settings

    def _issue_token(self, player_id: int) -> TokenOut:
        now = int(time.time())
        claims = {"sub": str(player_id), "iat": now, "exp": now + self._settings.jwt_ttl_seconds}
        token = jwt.encode(claims, self._settings.jwt_secret, algorithm="HS256")
        return TokenOut(access_token=token, expires_in=self._settings.jwt_ttl_seconds)

    async def register(self, data: RegisterIn, region: str) -> TokenOut:
        if await self._players.get_by_username(data.username):
            raise ConflictError("username taken")
        password_hash = hash_password(data.password)
        player = await self._players.create(data.username, data.email, password_hash, data.region or region)
        await self._players.commit()
        logger.info("registered player %s", player.id)
        return self._issue_token(player.id)

    async def login(self, data: LoginIn) -> TokenOut:
        player = await self._players.get_by_username(data.username)
        if player is None or player.password_hash is None:
            raise AuthError("bad credentials")
        ok = await asyncio.to_thread(verify_password, data.password, player.password_hash)
        if not ok:
            raise AuthError("bad credentials")
        return self._issue_token(player.id)

    async def change_password(self, player_id: int, new_password: str) -> None:
        player = await self._players.get_by_id(player_id)
        if player is None:
            raise NotFoundError("player")
        player.password_hash = await asyncio.to_thread(hash_password, new_password)
        await self._players.commit()

    async def steam_login(self, ticket: str, region: str) -> TokenOut:
        identity = await self._steam.authenticate_ticket(ticket)
        if identity is None:
            raise AuthError("steam ticket rejected")
        player = await self._players.get_by_steam_id(identity.steam_id)
        if player is None:
            summary = await self._steam.player_summary(identity.steam_id)
            name = (summary.get("personaname") or f"player{identity.steam_id[-6:]}")[:24]
            player = await self._players.create(name, f"{identity.steam_id}@steam.invalid", None, region,
                                                steam_id=identity.steam_id)
            await self._players.commit()
            if summary.get("avatarfull"):
                await self._players.set_avatar(player.id, url=summary["avatarfull"], commit=True)
        return self._issue_token(player.id)

    async def profile(self, player_id: int) -> PlayerOut:
        cached = await self._profiles.get(str(player_id))
        if cached is not None:
            return PlayerOut(**cached)
        player = await self._players.get_by_id(player_id)
        if player is None:
            raise NotFoundError("player")
        out = PlayerOut(id=player.id, username=player.username, region=player.region, created_at=player.created_at)
        await self._profiles.set(str(player_id), out.model_dump())
        return out

    async def update_region(self, player_id: int, region: str) -> PlayerOut:
        player = await self._players.get_by_id(player_id)
        if player is None:
            raise NotFoundError("player")
        player.region = region
        await self._players.commit()
        self._profiles.invalidate(str(player_id))
        return PlayerOut(id=player.id, username=player.username, region=player.region)

    async def search(self, query: str, anywhere: bool = False) -> list[PlayerOut]:
        if anywhere:
            rows = await self._players.search_anywhere(query)
        else:
            rows = await self._players.search_prefix(query)
        return [PlayerOut(id=p.id, username=p.username, region=p.region) for p in rows]
