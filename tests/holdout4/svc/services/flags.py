"""Feature flags served by the internal flag service, with operator overrides."""
from __future__ import annotations

import httpx

from svc.config import settings

_overrides: dict[str, bool] = {}

KNOWN_FLAGS = ("link_previews", "threads_v2", "search_v2", "digest_html")


def set_override(flag: str, enabled: bool | None) -> None:
    if enabled is None:
        _overrides.pop(flag, None)
    else:
        _overrides[flag] = enabled


def overrides() -> dict[str, bool]:
    return dict(_overrides)


class FlagClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url=settings.flags_url, headers={"user-agent": "chat-api"})

    async def enabled(self, workspace_id: int, flag: str) -> bool:
        if flag in _overrides:
            return _overrides[flag]
        response = await self._http.get(f"/v1/flags/{flag}", params={"tenant": workspace_id})
        response.raise_for_status()
        return bool(response.json().get("enabled", False))

    async def aclose(self) -> None:
        await self._http.aclose()
