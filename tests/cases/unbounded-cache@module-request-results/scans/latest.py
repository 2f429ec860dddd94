"""Latest scan per device, kept for the detail endpoint."""
from __future__ import annotations

from typing import Any

_latest: dict[str, dict] = {}  # expect: unbounded-cache
_pending: dict[str, dict] = {}


async def record_scans(scans: list[Any]) -> int:
    for scan in scans:
        _latest[scan.device_id] = {"at": scan.at, "score": scan.score}
    return len(scans)


def latest_for(device_id: str) -> dict | None:
    return _latest.get(device_id)


async def submit(ticket: str, body: dict) -> None:
    _pending[ticket] = body


def claim(ticket: str) -> dict | None:
    return _pending.pop(ticket, None)  # each entry leaves when it is claimed


_rates: dict[str, dict] = {}  # keyed by base currency: a handful of entries


async def refresh_rates(base: str, rates: dict) -> None:
    _rates[base] = rates


def rates_for(base: str) -> dict | None:
    return _rates.get(base)
