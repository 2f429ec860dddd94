"""Read paths: each answers from its cache and falls back to the database on a miss."""
from __future__ import annotations

import logging

from redis.exceptions import RedisError

from fleet.caches import DriverCache, EtaCache, RouteCache

log = logging.getLogger(__name__)


class EtaService:
    def __init__(self, eta_cache: EtaCache, repo) -> None:
        self._eta_cache = eta_cache
        self._repo = repo

    async def eta_for(self, depot: str) -> dict:
        cached = await self._eta_cache.load_eta(depot)  # expect: no-fallback
        if cached is not None:
            return cached
        eta = await self._repo.eta_rows(depot)
        await self._eta_cache.store_eta(depot, eta)
        return eta


class DriverService:
    def __init__(self, cache: DriverCache, repo) -> None:
        self._cache = cache
        self._repo = repo

    async def profile(self, driver_id: int) -> dict:
        if (found := await self._cache.get_profile(driver_id)) is not None:  # expect: no-fallback
            return found
        profile = await self._repo.driver_row(driver_id)
        await self._cache.set_profile(driver_id, profile)
        return profile


class RouteService:
    def __init__(self, cache: RouteCache, repo) -> None:
        self._cache = cache
        self._repo = repo

    async def route(self, route_id: int) -> dict:
        try:
            cached = await self._cache.get_route(route_id)
        except RedisError:
            log.warning("route cache unavailable; reading route %s from the database", route_id)
            cached = None
        if cached is not None:
            return cached
        route = await self._repo.route_row(route_id)
        await self._cache.put_route(route_id, route)
        return route
