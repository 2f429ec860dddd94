"""Firing adapters, one class per kiln model, indexed once at import."""
from __future__ import annotations


class GasKiln:
    kind = "gas"


class ElectricKiln:
    kind = "electric"


class WoodKiln:
    kind = "wood"


def _index_adapters() -> dict[str, type]:
    return {cls.kind: cls for cls in (GasKiln, ElectricKiln, WoodKiln)}


ADAPTERS: dict[str, type] = _index_adapters()
