"""Exchange-rate snapshot shared by the pricing endpoints."""
import asyncio
import threading
from decimal import Decimal

import httpx

_snapshot: dict[str, Decimal] = {}
_fx_guard = threading.Lock()
_history_guard = threading.Lock()
_refresh_gate = asyncio.Lock()
_history: list[dict[str, Decimal]] = []


class FxClient:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="https://fx.example.com", timeout=5.0)

    async def latest(self, base: str, quote: str) -> Decimal:
        response = await self._http.get(f"/latest/{base}/{quote}")
        response.raise_for_status()
        return Decimal(response.json()["rate"])


async def refresh(client: FxClient, currencies: list[str]) -> None:
    with _fx_guard:  # expect: deadlock
        for currency in currencies:
            _snapshot[currency] = await client.latest("EUR", currency)


async def refresh_gated(client: FxClient, currencies: list[str]) -> None:
    async with _refresh_gate:
        for currency in currencies:
            _snapshot[currency] = await client.latest("EUR", currency)


async def refresh_then_store(client: FxClient, currencies: list[str]) -> None:
    fresh = {currency: await client.latest("EUR", currency) for currency in currencies}
    with _fx_guard:
        _snapshot.update(fresh)
    with _history_guard:
        _history.append(dict(fresh))


def snapshot_copy() -> dict[str, Decimal]:
    with _fx_guard:
        return dict(_snapshot)
