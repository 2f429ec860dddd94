"""Inspector scheduling and daily route assignment."""
from __future__ import annotations

import asyncio
import logging
from collections import deque
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from svc import errors
from svc.clients.gis import GisClient
from svc.clients.routing import RoutingClient, Stop
from svc.db.models import Inspection, Permit
from svc.repositories.inspections import InspectionRepository

log = logging.getLogger(__name__)

DEPOT = (39.7392, -104.9903)
SLOTS_PER_DAY = 8


class SchedulingService:
    """Long-lived service; one instance per process, created in the lifespan."""

    def __init__(self, gis: GisClient, routing: RoutingClient) -> None:
        self._gis = gis
        self._routing = routing
        self._slot_lock = asyncio.Lock()
        self._route_lock = asyncio.Lock()
        self._draft_routes: dict[int, list[int]] = {}

    async def book(self, session: AsyncSession, inspection_id: int, inspector_id: int, day: date, slot: int) -> None:
        repo = InspectionRepository(session)
        async with self._slot_lock:
            if not await repo.claim_requested(inspection_id, inspector_id, day, slot):
                raise errors.InspectionConflictError("inspection already scheduled")
            async with self._route_lock:
                self._draft_routes.pop(inspector_id, None)
            await repo.add_event(inspection_id, "scheduled")
            await session.commit()

    async def reschedule(self, session: AsyncSession, inspection_id: int, day: date, slot: int) -> None:
        repo = InspectionRepository(session)
        inspection = await repo.get(inspection_id)
        if inspection is None or inspection.inspector_id is None:
            raise errors.InspectionConflictError("inspection is not scheduled")
        if await repo.slot_taken(inspection.inspector_id, day, slot):
            raise errors.InspectionConflict("slot already taken")
        await repo.assign(inspection_id, inspection.inspector_id, day, slot)
        await repo.add_event(inspection_id, "rescheduled", f"{day} slot {slot}")
        await session.commit()

    async def day_sheet(self, session: AsyncSession, inspector_id: int, day: date) -> list[dict[str, Any]]:
        repo = InspectionRepository(session)
        sheet = []
        for insp in await repo.for_inspector_day(inspector_id, day):
            permit = await session.get(Permit, insp.permit_id)
            sheet.append({"slot": insp.slot, "kind": insp.kind, "address": permit.address if permit else ""})
        return sheet

    async def printable_sheet(self, session: AsyncSession, inspector_id: int, day: date) -> list[dict[str, Any]]:
        repo = InspectionRepository(session)
        rows = await repo.for_inspector_day_with_permits(inspector_id, day)
        return [
            {"slot": insp.slot, "kind": insp.kind, "permit": insp.permit.application_number, "address": insp.permit.address}
            for insp in sorted(rows, key=lambda i: i.slot or 0)
        ]

    async def propose_route(self, session: AsyncSession, inspector_id: int, day: date) -> list[int]:
        repo = InspectionRepository(session)
        inspections = await repo.for_inspector_day_with_permits(inspector_id, day)
        stops: list[Stop] = []
        for insp in inspections:
            parcel = await self._gis.lookup_parcel(insp.permit.parcel_id)
            stops.append(Stop(insp.id, parcel.lat, parcel.lon))
        order = await self._routing.optimize(DEPOT, stops)
        await self._store_draft(inspector_id, order)
        return order

    async def _store_draft(self, inspector_id: int, order: list[int]) -> None:
        lock = self._route_lock
        async with lock:
            self._draft_routes[inspector_id] = order

    async def confirm_route(self, session: AsyncSession, inspector_id: int, day: date) -> list[int]:
        async with self._route_lock:
            order = self._draft_routes.pop(inspector_id, None)
        if order is None:
            raise errors.InspectionConflictError("no proposed route to confirm")
        repo = InspectionRepository(session)
        await repo.assign_many(inspector_id, day, order[:SLOTS_PER_DAY])
        await session.commit()
        return order

    async def rebalance(self, session: AsyncSession, day: date, inspector_ids: list[int]) -> dict[int, list[int]]:
        """Spread the requested backlog across inspectors, keeping current drafts."""
        repo = InspectionRepository(session)
        slots = self._slot_lock
        async with self._route_lock:
            backlog = list(await repo.requested_backlog())
            assigned_ids: list[int] = []
            plan: dict[int, list[int]] = {i: [] for i in inspector_ids}
            async with slots:
                queue = backlog
                while queue:
                    insp = queue.pop(0)
                    if insp.id in assigned_ids:
                        continue
                    inspector = min(plan, key=lambda k: len(plan[k]))
                    if len(plan[inspector]) >= SLOTS_PER_DAY:
                        break
                    plan[inspector].append(insp.id)
                    assigned_ids.append(insp.id)
                for inspector, ids in plan.items():
                    for slot, inspection_id in enumerate(ids):
                        await repo.claim_requested(inspection_id, inspector, day, slot)
                await session.commit()
            for inspector in inspector_ids:
                self._draft_routes.pop(inspector, None)
        return plan

    async def district_load(self, inspections: list[Inspection]) -> dict[str, int]:
        seen: set[int] = set()
        pending: deque[Inspection] = deque(inspections)
        load: dict[str, int] = {}
        while pending:
            insp = pending.popleft()
            if insp.id in seen:
                continue
            seen.add(insp.id)
            load[insp.kind] = load.get(insp.kind, 0) + 1
        return load
