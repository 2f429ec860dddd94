"""Driver offers: one request offers a ride, another accepts it."""
import time
from dataclasses import dataclass, field

from fastapi import WebSocket


@dataclass
class Offer:
    ride_id: int
    driver_id: int
    expires_at: float = field(default_factory=lambda: time.monotonic() + 30)


class OfferBook:
    def __init__(self) -> None:
        self._pending: dict[int, Offer] = {}  # expect: stateful-component

    def offer(self, ride_id: int, driver_id: int) -> Offer:
        offer = Offer(ride_id, driver_id)
        self._pending[driver_id] = offer
        return offer

    def accept(self, driver_id: int, ride_id: int) -> bool:
        offer = self._pending.pop(driver_id, None)
        return offer is not None and offer.ride_id == ride_id and offer.expires_at >= time.monotonic()


@dataclass
class DriverSocket:
    driver_id: int
    websocket: WebSocket


class SocketHub:
    """The sockets this replica holds: per process by nature."""

    def __init__(self) -> None:
        self._drivers: dict[int, DriverSocket] = {}

    def attach(self, conn: DriverSocket) -> None:
        self._drivers[conn.driver_id] = conn

    def detach(self, driver_id: int) -> DriverSocket | None:
        return self._drivers.pop(driver_id, None)


class RouteCache:
    def __init__(self) -> None:
        self._routes: dict[str, float] = {}

    def put(self, key: str, eta: float) -> None:
        self._routes[key] = eta

    def get(self, key: str) -> float | None:
        return self._routes.get(key)
