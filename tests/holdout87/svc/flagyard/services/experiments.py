from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from ..db.models import Environment, Experiment
from ..errors import ExperimentNotFound
from ..repositories.experiments import ExperimentRepository
from ..utils.hashing import BUCKETS, bucket_for

DEFAULT_ARMS = ("control", "treatment")


def choose_arm(experiment_key: str, user_key: str, arms: tuple[str, ...] = DEFAULT_ARMS) -> str:
    bucket = bucket_for(f"exp:{experiment_key}", user_key)
    return arms[bucket * len(arms) // BUCKETS]


def in_traffic(experiment: Experiment, user_key: str) -> bool:
    return bucket_for(f"traffic:{experiment.key}", user_key) < experiment.traffic_percent * BUCKETS // 100


class ExperimentService:
    def __init__(self, session: AsyncSession) -> None:
        self._repo = ExperimentRepository(session)

    async def get(self, experiment_id: uuid.UUID) -> Experiment:
        experiment = await self._repo.get(experiment_id)
        if experiment is None:
            raise ExperimentNotFound(str(experiment_id))
        return experiment

    async def assign(self, env: Environment, experiment_key: str, user_key: str) -> str | None:
        experiment = await self._repo.get_by_key(env.id, experiment_key)
        if experiment is None:
            raise ExperimentNotFound(experiment_key)
        if experiment.status != "running" or not in_traffic(experiment, user_key):
            return None
        existing = await self._repo.existing_assignment(experiment.id, user_key)
        if existing is not None:
            return existing.variant
        if experiment.max_participants is not None:
            enrolled = await self._repo.count_participants(experiment.id)
            if enrolled >= experiment.max_participants:
                return None
        arm = choose_arm(experiment.key, user_key)
        await self._repo.insert_assignment(experiment.id, user_key, arm)
        return arm

    async def transition(self, experiment_id: uuid.UUID, status: str) -> None:
        allowed = {"draft": {"running"}, "running": {"paused", "completed"}, "paused": {"running", "completed"}}
        experiment = await self.get(experiment_id)
        if status not in allowed.get(experiment.status, set()):
            raise ValueError(f"cannot move from {experiment.status} to {status}")
        await self._repo.set_status(experiment_id, status)

    @staticmethod
    def describe(experiment: Experiment) -> dict[str, Any]:
        return {
            "id": str(experiment.id),
            "key": experiment.key,
            "status": experiment.status,
            "metric": experiment.metric_key,
            "traffic_percent": experiment.traffic_percent,
        }
