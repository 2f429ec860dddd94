"""Position ledger shared by the connectors."""


class PositionLedger:
    def __init__(self) -> None:
        self._positions: dict[str, float] = {}

    @property
    def positions(self) -> dict[str, float]:
        return self._positions

    def set_position(self, key: str, size: float) -> None:
        self._positions[key] = size

    def remove_position(self, key: str) -> float | None:
        return self._positions.pop(key, None)
