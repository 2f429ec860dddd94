from __future__ import annotations

from voyages.clients import RoutingClient


class VoyageService:
    """Built per request; the route cache is the application's, shared by every request."""

    def __init__(self, routing: RoutingClient, route_cache: dict[tuple, dict]) -> None:
        self._routing = routing
        self._route_cache = route_cache

    async def plan(self, origin: str, destination: str, speed_kn: float) -> dict:
        key = (origin, destination, speed_kn)
        route = self._route_cache.get(key)
        if route is None:
            route = await self._routing.optimise(origin, destination, speed_kn)
            self._route_cache[key] = route  # expect: unbounded-cache
        return route


class FxService:
    def __init__(self, routing: RoutingClient, rates: dict[tuple[str, str], float]) -> None:
        self._routing = routing
        self._rates = rates

    async def rate(self, base: str, quote: str) -> float:
        cached = self._rates.get((base, quote))
        if cached is None:
            cached = await self._routing.rate(base, quote)
            self._rates[(base, quote)] = cached
        return cached


class FxAdmin:
    """Drops every cached rate when the treasury publishes new ones."""

    def __init__(self, rates: dict[tuple[str, str], float]) -> None:
        self._rates = rates

    def reset(self) -> None:
        self._rates.clear()


class PortService:
    def __init__(self, routing: RoutingClient, names: dict[str, str]) -> None:
        self._routing = routing
        self._names = names

    async def name(self, code: str) -> str:
        if code in self._names:
            return self._names[code]
        found = await self._routing.port_name(code)
        self._names[code] = found  # expect: unbounded-cache
        return found


class TariffService:
    def __init__(self, routing: RoutingClient, tariffs) -> None:
        self._routing = routing
        self._tariffs = tariffs

    async def tariff(self, code: str) -> str:
        cached = self._tariffs.get(code)
        if cached is None:
            cached = await self._routing.port_name(code)
            self._tariffs[code] = cached
        return cached


class LegPlanner:
    """Given a fresh dict by each caller: it memoises the legs of one plan only."""

    def __init__(self, routing: RoutingClient, legs: dict[tuple, dict]) -> None:
        self._routing = routing
        self._legs = legs

    async def leg(self, origin: str, destination: str) -> dict:
        hit = self._legs.get((origin, destination))
        if hit is None:
            hit = await self._routing.optimise(origin, destination, 12.0)
            self._legs[(origin, destination)] = hit
        return hit
