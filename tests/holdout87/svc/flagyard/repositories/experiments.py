from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Assignment, Experiment


class ExperimentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, experiment_id: uuid.UUID) -> Experiment | None:
        return await self._session.get(Experiment, experiment_id)

    async def get_by_key(self, environment_id: uuid.UUID, key: str) -> Experiment | None:
        result = await self._session.execute(
            select(Experiment).where(Experiment.environment_id == environment_id, Experiment.key == key)
        )
        return result.scalar_one_or_none()

    async def get_many_by_keys(self, environment_id: uuid.UUID, keys: Iterable[str]) -> dict[str, Experiment]:
        wanted = sorted(set(keys))
        if not wanted:
            return {}
        result = await self._session.execute(
            select(Experiment).where(Experiment.environment_id == environment_id, Experiment.key.in_(wanted))
        )
        return {exp.key: exp for exp in result.scalars()}

    async def list_running(self) -> list[Experiment]:
        result = await self._session.execute(select(Experiment).where(Experiment.status == "running"))
        return list(result.scalars())

    async def count_participants(self, experiment_id: uuid.UUID) -> int:
        result = await self._session.execute(
            select(func.count()).select_from(Assignment).where(Assignment.experiment_id == experiment_id)
        )
        return int(result.scalar_one())

    async def existing_assignment(self, experiment_id: uuid.UUID, user_key: str) -> Assignment | None:
        result = await self._session.execute(
            select(Assignment).where(Assignment.experiment_id == experiment_id, Assignment.user_key == user_key)
        )
        return result.scalar_one_or_none()

    async def insert_assignment(self, experiment_id: uuid.UUID, user_key: str, variant: str) -> None:
        stmt = (
            insert(Assignment)
            .values(experiment_id=experiment_id, user_key=user_key, variant=variant)
            .on_conflict_do_nothing(constraint="uq_assignments_experiment_user")
        )
        await self._session.execute(stmt)
        await self._session.commit()

    async def set_status(self, experiment_id: uuid.UUID, status: str) -> None:
        experiment = await self._session.get(Experiment, experiment_id, with_for_update=True)
        if experiment is None:
            return
        experiment.status = status
        await self._session.commit()
