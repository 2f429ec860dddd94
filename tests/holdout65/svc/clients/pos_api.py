"""Client for the POS vendor's cloud API (open/closed checks, menu)."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

import httpx

from svc.config import settings
from svc.utils.resilience import CircuitBreaker, retry_async

log = logging.getLogger(__name__)


class PosSchemaError(ValueError):
    pass


@dataclass(slots=True)
class PosCheckDTO:
    external_id: str
    table_label: str | None
    total_cents: int
    closed: bool
    opened_at: datetime
    items: list[dict] = field(default_factory=list)


class PosApiClient:
    def __init__(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.pos_base_url,
            headers={"Authorization": f"Token {settings.pos_api_token}"},
            timeout=httpx.Timeout(10.0, connect=3.0),
            limits=httpx.Limits(max_connections=20, max_keepalive_connections=10),
        )
        self._breaker = CircuitBreaker("pos", failure_threshold=4, reset_after_s=60)
        self._menu_cache: dict[str, list[dict]] = {}

    async def _get(self, path: str, params: dict | None = None) -> dict:
        async def _once() -> dict:
            resp = await self._client.get(path, params=params)
            resp.raise_for_status()
            return resp.json()

        return await self._breaker.call(lambda: retry_async(_once, attempts=3, retry_on=(httpx.TransportError,)))

    async def list_checks(self, location_id: str, since: datetime) -> list[PosCheckDTO]:
        data = await self._get(f"/locations/{location_id}/checks", {"updated_since": since.isoformat()})
        return [self._parse_check(raw) for raw in data.get("checks", [])]

    async def fetch_check_items(self, location_id: str, check_id: str) -> list[dict]:
        data = await self._get(f"/locations/{location_id}/checks/{check_id}/items")
        return data.get("items", [])

    async def fetch_menu(self, location_id: str) -> list[dict]:
        try:
            data = await self._get(f"/locations/{location_id}/menu")
        except (httpx.HTTPError, RuntimeError) as exc:
            cached = self._menu_cache.get(location_id)
            if cached is not None:
                log.warning("POS menu unavailable for %s (%s); serving cached copy", location_id, exc)
                return list(cached)
            raise
        items = data.get("items", [])
        self._menu_cache[location_id] = items
        return list(items)

    @staticmethod
    def _parse_check(raw: dict) -> PosCheckDTO:
        try:
            total = int(raw["totals"]["grand_total"])
            opened = datetime.fromisoformat(raw["opened_at"])
        except KeyError:
            raise PosSchemaError(f"check {raw.get('id')} missing totals or opened_at")
        try:
            check_id = str(raw["id"])
        except KeyError as exc:
            raise PosSchemaError("check without id") from exc
        return PosCheckDTO(
            external_id=check_id,
            table_label=raw.get("table", {}).get("label"),
            total_cents=total,
            closed=raw.get("state") == "closed",
            opened_at=opened,
        )

    async def aclose(self) -> None:
        await self._client.aclose()
