"""A connector reconciling its positions with what the exchange reports."""
from book.ledger import PositionLedger


class Connector:
    def __init__(self) -> None:
        self._ledger = PositionLedger()
        self._fills: dict[str, list[float]] = {}

    @property
    def positions(self) -> dict[str, float]:
        return self._ledger.positions

    def sync(self, remote: dict[str, float]) -> None:
        for key, size in remote.items():
            self._ledger.set_position(key, size)
        for key in list(self.positions.keys()):
            if key not in remote:
                self._ledger.remove_position(key)

    def exposure(self) -> float:
        total = 0.0
        for key in list(self.positions.keys()):  # expect: unnecessary-copy
            total += abs(self.positions[key])
        return total

    def fill_count(self) -> int:
        return sum(len(self._fills[k]) for k in self._fills)
