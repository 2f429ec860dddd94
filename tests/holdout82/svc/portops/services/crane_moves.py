from __future__ import annotations

import asyncio
import logging

import redis.asyncio as aioredis
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from portops.cache.locks import LockRegistry
from portops.cache.redis_client import key
from portops.clients.edi_hub import EdiHubClient
from portops.clients.tos_legacy import LegacyTosBridge
from portops.db.models import CraneMove
from portops.services.instructions import build_move_instruction, instruction_payload
from portops.utils.timeutil import shift_date, utcnow

log = logging.getLogger(__name__)


class DuplicateMove(ValueError):
    pass


class CraneScheduler:
    def __init__(
        self,
        session: AsyncSession,
        redis: aioredis.Redis,
        locks: LockRegistry,
        crane_locks: dict[str, asyncio.Lock],
        edi_hub: EdiHubClient,
        tos: LegacyTosBridge,
    ) -> None:
        self.session = session
        self.redis = redis
        self.locks = locks
        self.crane_locks = crane_locks
        self.edi_hub = edi_hub
        self.tos = tos

    async def enqueue_for_block(self, block_id: int, call_id: int, container_ids: list[int]) -> list[dict]:
        async with self.locks.block(block_id):
            crane_id = await self._crane_for_block(block_id)
            start = await self._next_sequence(crane_id)
            instructions = []
            for offset, container_id in enumerate(container_ids):
                move = CraneMove(
                    crane_id=crane_id, vessel_call_id=call_id, container_id=container_id,
                    kind="DSCH", sequence=start + offset,
                )
                self.session.add(move)
                await self.session.flush()
                instruction = build_move_instruction(move, crane_id=crane_id, priority=offset)
                instructions.append(instruction_payload(instruction, block=block_id))
            await self.session.commit()
            return instructions

    async def _crane_for_block(self, block_id: int) -> str:
        assigned = await self.redis.hget(key("block-crane"), str(block_id))
        return assigned or "QC01"

    async def _next_sequence(self, crane_id: str) -> int:
        rows = await self.session.execute(
            select(CraneMove.sequence)
            .where(CraneMove.crane_id == crane_id, CraneMove.status == "QUEUED")
            .order_by(CraneMove.sequence.desc())
            .limit(1)
        )
        last = rows.scalar_one_or_none()
        return (last or 0) + 1

    async def swap_queues(self, crane_a: str, crane_b: str) -> None:
        first, second = sorted((crane_a, crane_b))
        async with self.crane_locks[first]:
            async with self.crane_locks[second]:
                moves = await self.session.execute(
                    select(CraneMove).where(CraneMove.crane_id.in_((crane_a, crane_b)), CraneMove.status == "QUEUED")
                )
                for move in moves.scalars():
                    move.crane_id = crane_b if move.crane_id == crane_a else crane_a
                await self.session.commit()

    async def complete_move(self, move_id: int) -> None:
        move = await self.session.get(CraneMove, move_id)
        if move is None:
            return
        move.status = "DONE"
        move.completed_at = utcnow()
        await self.session.commit()
        counter = key("crane-moves", move.crane_id, shift_date(utcnow()).isoformat())
        current = int(await self.redis.get(counter) or 0)
        await self.redis.set(counter, current + 1, ex=86_400)
        await asyncio.to_thread(self.tos.mirror_yard_move_sync, {"move": move.id, "crane": move.crane_id})

    async def report_discharge(self, call_id: int, operator: str, body: str) -> str:
        delivery = await self.edi_hub.push(operator, "COARRI", body)
        log.info("COARRI for call %s delivered to %s as %s", call_id, operator, delivery)
        return delivery

    @staticmethod
    def validate_sequence(moves: list[CraneMove]) -> None:
        for i in range(len(moves)):
            for j in range(i + 1, len(moves)):
                if moves[i].container_id == moves[j].container_id:
                    raise DuplicateMove(f"container {moves[i].container_id} scheduled twice")
