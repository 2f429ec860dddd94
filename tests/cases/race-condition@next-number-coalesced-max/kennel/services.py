from sqlalchemy.ext.asyncio import AsyncSession

from .models import Litter, Shipment
from .repos.litters import LitterRepo, ShipmentRepo


class LitterService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.litters = LitterRepo(session)
        self.shipments = ShipmentRepo(session)

    async def register(self, kennel_id: int) -> Litter:
        seq = await self.litters.following_seq(kennel_id)  # expect: race-condition
        litter = Litter(kennel_id=kennel_id, seq=seq)
        await self.litters.save(litter)
        await self.session.commit()
        return litter

    async def register_counted(self, kennel_id: int) -> Litter:
        # correct: the counter row is bumped atomically and its new value returned
        seq = await self.litters.claim_seq(kennel_id)
        litter = Litter(kennel_id=kennel_id, seq=seq)
        await self.litters.save(litter)
        await self.session.commit()
        return litter

    async def ship(self, carrier: str) -> Shipment:
        tracking = (await self.shipments.top_tracking_no()) + 1  # expect: race-condition
        shipment = Shipment(tracking_no=tracking, carrier=carrier)
        self.session.add(shipment)
        await self.session.commit()
        return shipment
