"""Per-region tariffs, cached for the life of the process."""
from __future__ import annotations

from types import MappingProxyType
from typing import Mapping

import httpx

from pricing.store import load_labels, load_tariff

DEFAULTS = {"base": 300, "per_km": 120}

_tariff_cache: dict[str, dict[str, int]] = {}
_frozen_tariffs: dict[str, Mapping[str, int]] = {}
_labels: dict[str, tuple[str, ...]] = {}
_regions_seen: dict[str, list[str]] = {}


async def tariff(client: httpx.AsyncClient, region: str) -> dict[str, int]:
    if region not in _tariff_cache:
        _tariff_cache[region] = {**DEFAULTS, **(await load_tariff(client, region))}
    return _tariff_cache[region]  # expect: cache-misuse


def cached_tariff(region: str) -> dict[str, int] | None:
    return _tariff_cache.get(region)  # expect: cache-misuse


def tariff_copy(region: str) -> dict[str, int]:
    return dict(_tariff_cache.get(region, DEFAULTS))


async def frozen_tariff(client: httpx.AsyncClient, region: str) -> Mapping[str, int]:
    if region not in _frozen_tariffs:
        _frozen_tariffs[region] = MappingProxyType({**DEFAULTS, **(await load_tariff(client, region))})
    return _frozen_tariffs[region]


async def labels(client: httpx.AsyncClient, region: str) -> tuple[str, ...]:
    if region not in _labels:
        _labels[region] = tuple(await load_labels(client, region))
    return _labels[region]


def note_region(region: str, source: str) -> None:
    _regions_seen[region] = [source]


def sources(region: str) -> list[str]:
    return _regions_seen.get(region, [])
