"""Driver sign-in and availability."""
from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Driver, DriverStatus
from svc.repositories.driver_repo import DriverRepository
from svc.repositories.location_repo import LocationRepository
from svc.utils.locks import driver_lock, zone_lock, zones_lock
from svc.utils.security import hash_pin, issue_token, verify_pin

logger = logging.getLogger(__name__)


class InvalidCredentials(Exception):
    pass


class DriverService:
    def __init__(self, session: AsyncSession, locations: LocationRepository) -> None:
        self.session = session
        self.drivers = DriverRepository(session)
        self.locations = locations

    async def login(self, phone: str, pin: str) -> str:
        driver = await self.drivers.by_phone(phone)
        if driver is None or driver.pin_hash is None or driver.pin_salt is None:
            raise InvalidCredentials()
        if not verify_pin(pin, driver.pin_salt, driver.pin_hash):
            raise InvalidCredentials()
        return issue_token(str(driver.id), "driver")

    async def set_pin(self, driver: Driver, pin: str) -> None:
        digest, salt = await asyncio.to_thread(hash_pin, pin)
        driver.pin_hash = digest
        driver.pin_salt = salt
        await self.session.commit()

    async def go_online(self, driver_id: int, zone: str) -> None:
        async with zone_lock(zone), driver_lock(driver_id):
            await self.drivers.set_status(driver_id, DriverStatus.AVAILABLE)
            await self.session.commit()

    async def go_offline(self, driver_id: int, zone: str) -> None:
        async with driver_lock(driver_id):
            await self.drivers.set_status(driver_id, DriverStatus.OFFLINE)
            async with zone_lock(zone):
                await self.locations.remove([driver_id])
            await self.session.commit()
        logger.info("driver %s offline", driver_id)

    async def change_home_zone(self, driver_id: int, old_zone: str, new_zone: str) -> None:
        async with zones_lock(old_zone, new_zone), driver_lock(driver_id):
            driver = await self.drivers.get(driver_id)
            if driver is None:
                raise InvalidCredentials()
            driver.home_zone = new_zone
            await self.session.commit()
