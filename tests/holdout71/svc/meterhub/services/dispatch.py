from __future__ import annotations

import json
import logging
from datetime import datetime, timezone

from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.sms_gateway import SmsGateway
from ..errors import Conflict, NotFound
from ..models import Account, Customer, DispatchJob, Outage
from ..repositories.accounts import MeterRepository
from ..repositories.outages import CrewRepository
from ..utils.locks import crew_state_lock, outage_state_lock
from ..ws.crew_channel import crew_registry
from ..ws.hub import OUTAGE_CHANNEL, map_state

log = logging.getLogger(__name__)
CREW_CLAIM_TTL_S = 4 * 3600


class DispatchService:
    def __init__(self, session: AsyncSession, redis: Redis, sms: SmsGateway) -> None:
        self.session = session
        self._redis = redis
        self._sms = sms
        self._crews = CrewRepository(session)

    async def assign(self, outage_id: int, crew_id: str, dispatcher: str) -> DispatchJob:
        outage = await self.session.get(Outage, outage_id)
        crew = await self._crews.get(crew_id)
        if outage is None or crew is None:
            raise NotFound("outage or crew not found", outage_id=outage_id, crew_id=crew_id)
        status = await self._redis.get(f"crew:{crew_id}:status")
        if status not in (None, "available"):
            raise Conflict("crew is not available", crew_id=crew_id, status=status)
        job = await self._crews.add_job(DispatchJob(outage_id=outage_id, crew_id=crew_id, notes=f"by {dispatcher}"))
        outage.crew_id = crew_id
        await self.session.commit()
        await self._redis.set(f"crew:{crew_id}:status", "assigned")
        await self._after_assignment(outage, crew_id, job)
        return job

    async def auto_assign(self, outage: Outage) -> DispatchJob | None:
        for crew in await self._crews.on_shift():
            claimed = await self._redis.set(f"crew:{crew.id}:claim", str(outage.id), nx=True, ex=CREW_CLAIM_TTL_S)
            if not claimed:
                continue
            job = await self._crews.add_job(DispatchJob(outage_id=outage.id, crew_id=crew.id, notes="auto"))
            outage.crew_id = crew.id
            await self.session.commit()
            await self._after_assignment(outage, crew.id, job)
            return job
        logger.warning("no crew available for outage %s", outage.id)
        return None

    async def _after_assignment(self, outage: Outage, crew_id: str, job: DispatchJob) -> None:
        async with crew_state_lock:
            map_state.crew_status[crew_id] = "assigned"
            await self._redis.hset("crews:status", crew_id, "assigned")
            async with outage_state_lock:
                map_state.unassigned.discard(outage.id)
                if outage.id in map_state.outages:
                    map_state.outages[outage.id]["crew_id"] = crew_id
        payload = {"type": "job", "job_id": job.id, "outage_id": outage.id, "feeder": outage.feeder_id}
        await crew_registry.send(crew_id, payload)
        await self._redis.publish(OUTAGE_CHANNEL, json.dumps({"type": "crew", "outage_id": outage.id, "crew_id": crew_id}))

    async def notify_customers_en_route(self, outage: Outage, eta_minutes: int) -> int:
        premises = await MeterRepository(self.session).premises_on_feeder(outage.feeder_id)
        if not premises:
            return 0
        rows = await self.session.execute(
            select(Customer.phone)
            .join(Account, Account.customer_id == Customer.id)
            .where(Account.premise_id.in_([p.id for p in premises]), Customer.sms_opt_in.is_(True), Customer.phone.is_not(None))
            .distinct()
        )
        text = f"A repair crew is on the way to the outage in your area. Estimated arrival: {eta_minutes} min."
        sent = 0
        for (phone,) in rows:
            await self._sms.send_sms(phone, text, priority="high")
            sent += 1
        log.info("outage %s: en-route notice sent to %d customers at %s", outage.id, sent, datetime.now(timezone.utc))
        return sent
