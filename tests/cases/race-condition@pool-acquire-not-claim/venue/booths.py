from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from venue.models import Booth


class BoothRepo:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, booth_id: int) -> Booth | None:
        return await self.session.get(Booth, booth_id)

    async def rent_to(self, booth_id: int, renter_id: int) -> None:
        await self.session.execute(update(Booth).where(Booth.id == booth_id).values(state="rented", renter_id=renter_id))
        await self.session.commit()
