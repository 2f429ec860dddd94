from __future__ import annotations

from collections.abc import Iterable

from fastapi import HTTPException
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from svc.db.models import Driver, FleetWebhook, RfidToken
from svc.db.repositories.base import BaseRepository
from svc.errors import ConflictError, NotFoundError, PaymentDeclined


class DriverRepository(BaseRepository[Driver]):
    model = Driver

    async def require(self, driver_id: int) -> Driver:
        driver = await self.get(driver_id)
        if driver is None:
            raise NotFoundError(f"driver {driver_id} not found")
        return driver

    async def get_or_404(self, driver_id: int) -> Driver:
        driver = await self.get(driver_id)
        if driver is None:
            raise HTTPException(status_code=404, detail=f"driver {driver_id} not found")
        return driver

    async def get_by_email(self, email: str) -> Driver | None:
        stmt = select(Driver).where(Driver.email == email.lower())
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def get_many(self, ids: Iterable[int]) -> dict[int, Driver]:
        wanted = set(ids)
        if not wanted:
            return {}
        rows = await self._db.scalars(select(Driver).where(Driver.id.in_(wanted)))
        return {driver.id: driver for driver in rows}

    async def debit_wallet(self, driver_id: int, amount_cents: int) -> int:
        """Charge a finished session to the driver's prepaid wallet."""
        driver = await self.require(driver_id)
        if driver.wallet_cents < amount_cents:
            raise PaymentDeclined("insufficient wallet balance")
        driver.wallet_cents = driver.wallet_cents - amount_cents
        await self._db.flush()
        return driver.wallet_cents

    async def hold_prepaid(self, driver_id: int, hold_cents: int) -> int:
        """Reserve ``hold_cents`` of the wallet for a session that is about to start."""
        locked = await self._db.get(Driver, driver_id, with_for_update=True)
        if locked is None:
            raise NotFoundError(f"driver {driver_id} does not exist")
        if locked.wallet_cents < hold_cents:
            raise PaymentDeclined("insufficient wallet balance for the pre-authorisation hold")
        locked.wallet_cents -= hold_cents
        await self._db.flush()
        return locked.wallet_cents

    async def list_fleet_webhooks(self, driver_id: int) -> list[FleetWebhook]:
        stmt = select(FleetWebhook).where(FleetWebhook.driver_id == driver_id, FleetWebhook.active.is_(True))
        return list((await self._db.scalars(stmt)).all())


class TokenRepository(BaseRepository[RfidToken]):
    model = RfidToken

    async def get_by_uid(self, uid: str) -> RfidToken | None:
        stmt = select(RfidToken).where(RfidToken.uid == uid.upper())
        return (await self._db.execute(stmt)).scalar_one_or_none()

    async def list_for_driver(self, driver_id: int) -> list[RfidToken]:
        stmt = select(RfidToken).where(RfidToken.driver_id == driver_id, RfidToken.status == "Accepted")
        return list((await self._db.scalars(stmt)).all())

    async def register(self, driver_id: int, uid: str) -> RfidToken:
        """Attach a card to a driver. ``uid`` is unique; a concurrent insert loses on the constraint."""
        if await self.get_by_uid(uid) is not None:
            raise ConflictError("token already registered")
        token = RfidToken(uid=uid.upper(), driver_id=driver_id, status="Accepted")
        try:
            async with self._db.begin_nested():
                self._db.add(token)
        except IntegrityError as exc:
            raise ConflictError("token already registered") from exc
        return token
