"""Process-wide facts found at start-up, and per-device readings."""
from __future__ import annotations

from typing import Any

_fact_cache: dict[str, Any] = {}
_reading_cache: dict[str, Any] = {}  # expect: unbounded-cache


def fact(name: str, default: Any = None) -> Any:
    return _fact_cache.get(name, default)


def remember(found: dict[str, Any]) -> None:
    for name, value in found.items():
        _store(name, value)


def _store(name: str, value: Any) -> None:
    _fact_cache[name] = value


def reading(device: str) -> Any:
    return _reading_cache.get(device)


def record(batch: dict[str, Any]) -> None:
    for device, value in batch.items():
        _keep(device, value)


def _keep(device: str, value: Any) -> None:
    _reading_cache[device] = value
