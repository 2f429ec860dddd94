"""Static game data shipped next to the service (catalogue overrides, rank tiers)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class RankTier:
    name: str
    min_percentile: float
    reward_sku: str


def _read_manifest(path: str) -> dict[str, Any]:
    raw = Path(path).read_text(encoding="utf-8")
    return json.loads(raw)


def load_catalog_overrides(path: str) -> dict[str, dict[str, Any]]:
    """Per-SKU display overrides (badges, sort weight) maintained by the live-ops team."""
    data = _read_manifest(path)
    return {entry["sku"]: entry for entry in data.get("overrides", [])}


def load_rank_tiers(path: str) -> tuple[RankTier, ...]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    tiers = [
        RankTier(name=t["name"], min_percentile=float(t["min_percentile"]), reward_sku=t["reward_sku"])
        for t in data["tiers"]
    ]
    return tuple(sorted(tiers, key=lambda t: t.min_percentile, reverse=True))
