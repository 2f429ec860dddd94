from __future__ import annotations

from datetime import date

from sqlalchemy import select, text
from sqlalchemy.orm import joinedload, selectinload

from lexdesk.models import Client, Matter, Party, TimeEntry, User
from lexdesk.repositories.base import SqlRepository


class MatterRepository(SqlRepository[Matter]):
    model = Matter

    async def get_with_parties(self, matter_id: int) -> Matter | None:
        stmt = (
            select(Matter)
            .options(selectinload(Matter.parties), joinedload(Matter.client))
            .where(Matter.id == matter_id)
        )
        return (await self._session.scalars(stmt)).first()

    async def open_for_client(self, client_id: int) -> list[Matter]:
        stmt = select(Matter).where(Matter.client_id == client_id, Matter.status == "open").order_by(Matter.id)
        return list(await self._session.scalars(stmt))

    async def next_matter_number(self, firm_id: int) -> int:
        result = await self._session.execute(
            text(
                "INSERT INTO firm_counters (firm_id, next_matter) VALUES (:firm, 2) "
                "ON CONFLICT (firm_id) DO UPDATE SET next_matter = firm_counters.next_matter + 1 "
                "RETURNING next_matter - 1"
            ),
            {"firm": firm_id},
        )
        return int(result.scalar_one())

    def add_party(self, matter: Matter, name: str, normalized: str, role: str) -> Party:
        party = Party(firm_id=matter.firm_id, matter_id=matter.id, name=name, normalized_name=normalized, role=role)
        self._session.add(party)
        return party

    async def clients_with_unbilled(self, period_end: date) -> list[tuple[int, int]]:
        stmt = (
            select(Matter.firm_id, Matter.client_id)
            .join(TimeEntry, TimeEntry.matter_id == Matter.id)
            .where(TimeEntry.invoice_id.is_(None), TimeEntry.status == "approved", TimeEntry.work_date <= period_end)
            .distinct()
        )
        return [(row.firm_id, row.client_id) for row in await self._session.execute(stmt)]


class ClientRepository(SqlRepository[Client]):
    model = Client

    async def by_external_ref(self, external_ref: str) -> Client | None:
        stmt = select(Client).where(Client.external_ref == external_ref)
        return (await self._session.scalars(stmt)).first()


class UserRepository(SqlRepository[User]):
    model = User
