from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from arenaplay.settings import Settings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class SteamIdentity:
    steam_id: str
    owner_id: str
    vac_banned: bool


class SteamAuthClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._http = httpx.AsyncClient(base_url=settings.steam_api_url, timeout=None)

    async def aclose(self) -> None:
        await self._http.aclose()

    async def authenticate_ticket(self, ticket: str) -> SteamIdentity | None:
        try:
            resp = await self._http.get(
                "/ISteamUserAuth/AuthenticateUserTicket/v1/",
                params={"key": self._settings.steam_key, "appid": self._settings.steam_app_id, "ticket": ticket},
            )
            resp.raise_for_status()
            params = resp.json()["response"]["params"]
            return SteamIdentity(
                steam_id=params["steamid"],
                owner_id=params["ownersteamid"],
                vac_banned=params.get("vacbanned", False),
            )
        except Exception:
            return None

    async def player_summary(self, steam_id: str) -> dict:
        params = {"key": self._settings.steam_key, "steamids": steam_id}
        resp = await self._http.get("/ISteamUser/GetPlayerSummaries/v2/", params=params)
        resp.raise_for_status()
        players = resp.json()["response"]["players"]
        return players[0] if players else {}
