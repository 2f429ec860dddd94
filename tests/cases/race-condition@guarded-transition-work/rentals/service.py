from sqlalchemy.ext.asyncio import AsyncSession

from rentals.models import Rental


class Gateway:
    async def release_deposit(self, ref: str) -> None:
        ...


class RentalService:
    def __init__(self, session: AsyncSession, gateway: Gateway) -> None:
        self.session = session
        self.gateway = gateway

    async def close(self, rental_id: int) -> Rental:
        rental = await self.session.get(Rental, rental_id)
        if rental.status in ("active", "overdue"):  # expect: race-condition
            await self.gateway.release_deposit(rental.deposit_ref)
            rental.status = "closed"
            await self.session.commit()
        return rental

    async def annotate(self, rental_id: int, note: str) -> Rental:
        rental = await self.session.get(Rental, rental_id)
        if rental.status == "active":
            rental.status = "active"
            rental.note = note
            await self.session.commit()
        return rental


class DepositService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _owned(self, rental_id: int) -> Rental:
        rental = await self.session.get(Rental, rental_id)
        if rental is None:
            raise LookupError(rental_id)
        return rental

    async def extend_note(self, rental_id: int, extra: str) -> Rental:
        rental = await self._owned(rental_id)
        rental.note = rental.note + extra  # expect: race-condition
        await self.session.commit()
        return rental

    async def rename(self, rental_id: int, note: str) -> Rental:
        rental = await self._owned(rental_id)
        rental.note = note
        await self.session.commit()
        return rental
