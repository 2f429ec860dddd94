from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Dispute, DisputeEvidence


class DisputesRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, dispute_id: int) -> Dispute | None:
        return await self.session.get(Dispute, dispute_id)

    async def open_case(self, **fields: object) -> Dispute:
        dispute = Dispute(**fields)
        self.session.add(dispute)
        await self.session.flush()
        return dispute

    async def add_evidence(self, dispute_id: int, uploaded_by: int, key: str, content_type: str, size: int) -> None:
        self.session.add(
            DisputeEvidence(
                dispute_id=dispute_id, uploaded_by=uploaded_by, object_key=key, content_type=content_type, size_bytes=size
            )
        )

    async def evidence_for(self, dispute_id: int) -> list[DisputeEvidence]:
        result = await self.session.execute(
            select(DisputeEvidence).where(DisputeEvidence.dispute_id == dispute_id).order_by(DisputeEvidence.id)
        )
        return list(result.scalars())

    async def for_mediator(self, mediator_id: int) -> list[Dispute]:
        result = await self.session.execute(
            select(Dispute).where(Dispute.mediator_id == mediator_id, Dispute.status != "closed").order_by(Dispute.id)
        )
        return list(result.scalars())

    async def open_load_by_mediator(self) -> dict[int, int]:
        result = await self.session.execute(
            select(Dispute.mediator_id, func.count())
            .where(Dispute.status == "open", Dispute.mediator_id.is_not(None))
            .group_by(Dispute.mediator_id)
        )
        return {mediator_id: count for mediator_id, count in result.all()}

    async def assign(self, dispute_id: int, mediator_id: int) -> None:
        await self.session.execute(update(Dispute).where(Dispute.id == dispute_id).values(mediator_id=mediator_id))
