from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

import aiohttp
import requests

from ..config import get_settings


async def fetch_symbol_info(symbol: str) -> dict[str, Any]:
    url = f"{get_settings().refdata_base_url}/v1/symbols/{symbol}"
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as resp:
            resp.raise_for_status()
            return await resp.json()


async def fetch_corporate_actions(since: str) -> list[dict[str, Any]]:
    url = f"{get_settings().refdata_base_url}/v1/corporate-actions"
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url, params={"since": since}) as resp:
            resp.raise_for_status()
            body = await resp.json()
    return body["actions"]


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[str]:
    url = f"{get_settings().refdata_base_url}/v1/calendar/{year}/holidays"
    resp = requests.get(url, timeout=5)
    resp.raise_for_status()
    return frozenset(resp.json()["holidays"])


def is_trading_day(day: date) -> bool:
    if day.weekday() >= 5:
        return False
    return day.isoformat() not in _holidays(day.year)
