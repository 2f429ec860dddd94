"""Normalisation of provider payloads into one event shape."""
from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any, Final

EVENT_TYPES: Final = frozenset(
    {"goal", "own_goal", "penalty_goal", "yellow", "red", "sub", "var", "period", "corner", "shot"}
)
SCORING_EVENTS: Final = frozenset({"goal", "own_goal", "penalty_goal"})


@dataclass(frozen=True, slots=True)
class NormalizedEvent:
    provider: str
    provider_event_id: str
    match_ref: str
    event_type: str
    minute: int | None
    team_ref: str | None
    player_ref: str | None
    occurred_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)


Normalizer = Callable[[dict[str, Any]], NormalizedEvent | None]

_NORMALIZERS: dict[str, Normalizer] = {}


def normalizer(provider: str) -> Callable[[Normalizer], Normalizer]:
    def register(fn: Normalizer) -> Normalizer:
        _NORMALIZERS[provider] = fn
        return fn

    return register


def _ts(value: str | int | float) -> datetime:
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value / 1000, tz=timezone.utc)
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@normalizer("alpha")
def _from_alpha(raw: dict[str, Any]) -> NormalizedEvent | None:
    kind = raw.get("type", "").lower()
    if kind not in EVENT_TYPES:
        return None
    return NormalizedEvent(
        provider="alpha",
        provider_event_id=str(raw["id"]),
        match_ref=str(raw["fixtureId"]),
        event_type=kind,
        minute=raw.get("minute"),
        team_ref=raw.get("teamName"),
        player_ref=raw.get("playerId"),
        occurred_at=_ts(raw["timestamp"]),
        payload=raw,
    )


@normalizer("beta")
def _from_beta(raw: dict[str, Any]) -> NormalizedEvent | None:
    kind = {"G": "goal", "OG": "own_goal", "PG": "penalty_goal", "Y": "yellow", "R": "red"}.get(raw.get("code", ""))
    if kind is None:
        return None
    return NormalizedEvent(
        provider="beta",
        provider_event_id=raw["eventKey"],
        match_ref=raw["matchKey"],
        event_type=kind,
        minute=int(raw["clock"]) if raw.get("clock") else None,
        team_ref=raw.get("side"),
        player_ref=raw.get("athlete"),
        occurred_at=_ts(raw["ts"]),
        payload=raw,
    )


def normalize(provider: str, raw: dict[str, Any]) -> NormalizedEvent | None:
    fn = _NORMALIZERS.get(provider)
    if fn is None:
        raise KeyError(f"no normalizer for provider {provider!r}")
    return fn(raw)


@lru_cache(maxsize=4096)
def normalise_team_name(name: str) -> str:
    return " ".join(name.replace("F.C.", " ").replace(" FC", " ").split()).casefold()


class AliasTable:
    """Provider team name -> our team id. The file is maintained by the data team."""

    def __init__(self, path: str, reload_every: float = 30.0) -> None:
        self._path = path
        self._reload_every = reload_every
        self._loaded_at = 0.0
        self._aliases: dict[str, int] = {}

    def _maybe_reload(self) -> None:
        if time.monotonic() - self._loaded_at < self._reload_every:
            return
        with open(self._path, encoding="utf-8") as fh:
            raw = json.load(fh)
        self._aliases = {normalise_team_name(k): int(v) for k, v in raw.items()}
        self._loaded_at = time.monotonic()

    def resolve(self, provider_name: str | None) -> int | None:
        if not provider_name:
            return None
        self._maybe_reload()
        return self._aliases.get(normalise_team_name(provider_name))


def parse_beta_xml(payload: bytes) -> list[dict[str, Any]]:
    """Beta pushes small XML documents (one match, a handful of incidents)."""
    root = ET.fromstring(payload)
    out = []
    for node in root.iter("incident"):
        out.append({**node.attrib, "matchKey": root.attrib.get("key", "")})
    return out
