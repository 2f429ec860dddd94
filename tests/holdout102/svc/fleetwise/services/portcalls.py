from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession

from fleetwise.clients.agents_api import AgentsClient
from fleetwise.clients.errors import UpstreamError
from fleetwise.db.models import PortCall
from fleetwise.domain.schemas import PortCallIn
from fleetwise.repositories.portcalls import PortCallRepository
from fleetwise.repositories.vessels import VesselRepository
from fleetwise.repositories.voyages import VoyageRepository
from fleetwise.cache.locks import KeyedLocks

log = logging.getLogger(__name__)

UNLOCODE_NAMES = {
    "NLRTM": "Rotterdam",
    "SGSIN": "Singapore",
    "CNSHA": "Shanghai",
    "USHOU": "Houston",
    "BRSSZ": "Santos",
}


class UnknownPortError(ValueError):
    pass


def port_name(code: str) -> str:
    try:
        return UNLOCODE_NAMES[code]
    except KeyError:
        raise UnknownPortError(f"unknown UN/LOCODE {code}")


class PortCallService:
    def __init__(self, session: AsyncSession, agents: AgentsClient, locks: KeyedLocks) -> None:
        self._session = session
        self._repo = PortCallRepository(session)
        self._voyages = VoyageRepository(session)
        self._vessels = VesselRepository(session)
        self._agents = agents
        self._locks = locks

    async def schedule(self, data: PortCallIn) -> PortCall:
        port_name(data.port_code)
        voyage = await self._voyages.get(data.voyage_id)
        if voyage is None:
            raise LookupError(f"voyage {data.voyage_id}")
        vessel = await self._vessels.get_by_imo(voyage.vessel_id, include_inactive=True)
        agent_ref = await self._agents.book_call(data.port_code, vessel.imo, data.eta)
        call = PortCall(voyage_id=data.voyage_id, port_code=data.port_code, eta=data.eta, agent_ref=agent_ref)
        await self._repo.add(call)
        await self._session.commit()
        return call

    async def lineup(self, voyage_id: int) -> list[dict]:
        calls = await self._repo.for_voyage(voyage_id)
        out = []
        for call in calls:
            status = {}
            if call.agent_ref:
                try:
                    status = await self._agents.berth_status(call.port_code, call.agent_ref)
                except UpstreamError as exc:
                    log.warning("berth status unavailable for %s: %s", call.agent_ref, exc)
            out.append({"id": call.id, "port": call.port_code, "eta": call.eta, "berth": status.get("berth")})
        return out

    async def swap_berths(self, first_id: int, second_id: int) -> None:
        a_id, b_id = sorted((first_id, second_id))
        async with self._locks.get(f"portcall:{a_id}"):
            async with self._locks.get(f"portcall:{b_id}"):
                first = await self._repo.get(first_id)
                second = await self._repo.get(second_id)
                if first is None or second is None:
                    raise LookupError("port call not found")
                first.berth, second.berth = second.berth, first.berth
                await self._session.commit()

    async def push_eta_updates(self, calls: list[PortCall]) -> None:
        sem = asyncio.Semaphore(8)

        async def one(call: PortCall) -> None:
            async with sem:
                await self._agents.notify_eta(call.agent_ref, call.eta)

        await asyncio.gather(*(one(c) for c in calls if c.agent_ref))
