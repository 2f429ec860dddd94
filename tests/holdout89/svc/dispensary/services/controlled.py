"""Controlled-substance dispensing: daily per-patient limits and the perpetual register."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import redis.asyncio as aioredis

from dispensary.cache.redis_client import CONTROLLED_DAILY_KEY
from dispensary.errors import Conflict
from dispensary.repositories.controlled import ControlledRegisterRepository
from dispensary.services.stock import BranchLocks, StockService
from dispensary.utils.documents import render_register_pdf
from dispensary.utils.timeutil import local_today

logger = logging.getLogger(__name__)


class ControlledSubstanceService:
    def __init__(
        self,
        register: ControlledRegisterRepository,
        stock: StockService,
        locks: BranchLocks,
        redis: aioredis.Redis,
        daily_limit: int,
    ) -> None:
        self._register = register
        self._stock = stock
        self._locks = locks
        self._redis = redis
        self._daily_limit = daily_limit

    async def check_daily_limit(self, patient_id: int) -> None:
        key = CONTROLLED_DAILY_KEY.format(patient_id=patient_id, day=local_today().isoformat())
        count = int(await self._redis.get(key) or 0)
        if count >= self._daily_limit:
            raise Conflict(f"patient {patient_id} reached the daily controlled-substance limit")
        await self._redis.set(key, count + 1, ex=36 * 3600)

    async def record_dispense(
        self, branch_id: int, patient_id: int, drug_code: str, quantity: int, actor: str, prescription_id: int
    ) -> int:
        await self.check_daily_limit(patient_id)
        async with self._locks.for_branch(branch_id):
            lot_id = await self._stock.decrement(branch_id, drug_code, quantity)
            balance = await self._register.record_movement(
                branch_id, drug_code, -quantity, actor, "dispense", prescription_id
            )
        logger.info("controlled dispense branch=%s drug=%s qty=%s balance=%s", branch_id, drug_code, quantity, balance)
        return lot_id

    async def record_receipt(self, branch_id: int, drug_code: str, quantity: int, actor: str) -> int:
        return await self._register.record_movement(branch_id, drug_code, quantity, actor, "receipt")

    async def register_pdf(self, branch_id: int, branch_code: str, since: datetime) -> bytes:
        rows = await self._register.history(branch_id, since)
        return await asyncio.to_thread(render_register_pdf, branch_code, rows)
