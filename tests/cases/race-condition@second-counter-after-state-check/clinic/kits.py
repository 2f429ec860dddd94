from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Kit, Lab


class KitService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _lab(self, lab_id: int) -> Lab | None:
        return (await self.session.execute(select(Lab).where(Lab.id == lab_id))).scalar_one_or_none()

    async def dispatch(self, kit_id: int, lab_id: int) -> None:
        kit = await self.session.get(Kit, kit_id)
        if kit.state != "packed":  # expect: race-condition
            raise ValueError("kit not packed")
        lab = await self._lab(lab_id)
        if lab is None or lab.slots == 0:  # expect: race-condition
            raise ValueError("no lab capacity")
        lab.slots = lab.slots - 1
        kit.state = "sent"
        await self.session.commit()
