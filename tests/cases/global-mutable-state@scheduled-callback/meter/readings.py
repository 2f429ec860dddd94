"""Meter readings arriving from the gateway, and the per-meter totals flushed periodically."""
from typing import Protocol

_pending_kwh: dict[str, float] = {}  # expect: global-mutable-state
_tariffs: dict[str, float] = {}
_gateway_offsets: dict[str, int] = {}  # expect: global-mutable-state


class ReadingSink(Protocol):
    async def accept(self, meter_id: str, kwh: float) -> None: ...


class ReadingBuffer:
    async def accept(self, meter_id: str, kwh: float) -> None:
        _pending_kwh[meter_id] = _pending_kwh.get(meter_id, 0.0) + kwh

    async def flush(self) -> int:
        flushed = len(_pending_kwh)
        _pending_kwh.clear()
        return flushed


class GatewayPoller:
    async def poll_once(self) -> None:
        for gateway in ("north", "south"):
            _gateway_offsets[gateway] = _gateway_offsets.get(gateway, 0) + 1


def load_tariffs() -> None:
    _tariffs.update({"day": 0.31, "night": 0.12})
