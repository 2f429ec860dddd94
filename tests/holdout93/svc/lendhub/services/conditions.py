from __future__ import annotations

import redis.asyncio as redis
from sqlalchemy.ext.asyncio import AsyncSession

from ..cache.pubsub import publish_pipeline_event
from ..repositories import ApplicationRepository, ConditionRepository
from .errors import Conflict, NotFound

APPROVAL_GATES = ("credit", "income", "appraisal")


class ConditionService:
    def __init__(self, session: AsyncSession, redis_client: redis.Redis) -> None:
        self.session = session
        self.redis = redis_client
        self.repo = ConditionRepository(session)
        self.apps = ApplicationRepository(session)

    async def clear(self, application_id: int, condition_id: int, underwriter_id: int) -> None:
        if not await self.repo.clear(condition_id, underwriter_id):
            raise Conflict("condition already cleared or missing")
        await self.session.commit()
        remaining = await self.repo.open_for(application_id)
        if not remaining:
            app = await self.apps.get(application_id)
            if app is None:
                raise NotFound(f"application {application_id}")
            await self.apps.set_status(application_id, "clear_to_close")
            await self.session.commit()
            await publish_pipeline_event(
                self.redis, app.loan_officer_id, {"type": "ctc", "application_id": application_id}
            )

    async def gate_status(self, application_id: int) -> dict[str, bool]:
        status = {}
        for gate in APPROVAL_GATES:
            flag = await self.redis.get(f"gate:{application_id}:{gate}")
            status[gate] = flag == "1"
        return status

    async def invalidate_gates(self, application_id: int) -> None:
        for gate in APPROVAL_GATES:
            self.redis.delete(f"gate:{application_id}:{gate}")
