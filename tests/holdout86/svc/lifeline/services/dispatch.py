from __future__ import annotations

import asyncio
import logging
import math

import aiohttp
import bcrypt
from sqlalchemy.ext.asyncio import AsyncSession

from lifeline.clients.geo import GeoClient
from lifeline.errors import NotFound
from lifeline.repositories.orders import CourierRepository, SiteRepository

log = logging.getLogger(__name__)

AVERAGE_SPEED_KMH = 35.0


def straight_line_minutes(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    km = 2 * 6371 * math.asin(math.sqrt(h))
    return km / AVERAGE_SPEED_KMH * 60


class DispatchService:
    def __init__(self, geo: GeoClient) -> None:
        self._geo = geo

    async def authenticate(self, session: AsyncSession, courier_id: int, pin: str) -> bool:
        courier = await CourierRepository(session).get(courier_id)
        if courier is None or not courier.active:
            return False
        return await asyncio.to_thread(bcrypt.checkpw, pin.encode(), courier.pin_hash.encode())

    async def set_pin(self, session: AsyncSession, courier_id: int, pin: str) -> None:
        courier = await CourierRepository(session).get(courier_id)
        if courier is None:
            raise NotFound("courier not found")
        courier.pin_hash = bcrypt.hashpw(pin.encode(), bcrypt.gensalt(rounds=12)).decode()

    async def quote(self, origin: tuple[float, float], dest: tuple[float, float]) -> float:
        """ETA for the hospital-facing quote; falls back to a straight-line estimate."""
        try:
            return await self._geo.eta_minutes(origin, dest)
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            log.warning("eta service failed, using straight-line estimate: %s", exc)
            return straight_line_minutes(origin, dest)

    async def assign(self, session: AsyncSession, hospital_id: int, positions: dict[int, tuple[float, float]]) -> int:
        hospital = await SiteRepository(session).get(hospital_id)
        if hospital is None:
            raise NotFound("hospital not found")
        dest = await self._geo.geocode(hospital.name)
        if dest is None:
            logger.warning("no coordinates for hospital %s", hospital_id)
            raise NotFound("hospital has no coordinates")
        best_id, best_eta = -1, math.inf
        for courier_id, position in positions.items():
            eta = await self._geo.eta_minutes(position, dest)
            if eta < best_eta:
                best_id, best_eta = courier_id, eta
        log.info("assigned courier %s to hospital %s (eta %.0f min)", best_id, hospital_id, best_eta)
        return best_id
