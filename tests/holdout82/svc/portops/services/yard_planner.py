from __future__ import annotations

import logging
from dataclasses import dataclass

from portops.cache.locks import LockRegistry
from portops.db.models import Container, YardBlock, YardSlot
from portops.repositories.containers import ContainerRepository
from portops.repositories.yard import YardRepository
from portops.services.crane_moves import CraneScheduler

log = logging.getLogger(__name__)

ROWS_PER_BLOCK = 6
TIERS_PER_ROW = 5
HEAVY_KG = 25_000


@dataclass
class Placement:
    container: str
    block: str
    slot_id: int


def _stack_score(slot: YardSlot, container: Container) -> float:
    # Heavier boxes low in the stack, light ones may go high.
    weight_penalty = (container.gross_kg / HEAVY_KG) * slot.tier
    return weight_penalty + slot.row * 0.1 + slot.bay * 0.01


def _block_matrix(block: YardBlock) -> list[list[int]]:
    matrix = []
    for row in range(ROWS_PER_BLOCK):
        tiers = []
        for tier in range(TIERS_PER_ROW):
            tiers.append(min(tier + 1, block.max_tiers))
        matrix.append(tiers)
    return matrix


class YardPlanner:
    def __init__(
        self,
        yard: YardRepository,
        containers: ContainerRepository,
        cranes: CraneScheduler,
        locks: LockRegistry,
    ) -> None:
        self.yard = yard
        self.containers = containers
        self.cranes = cranes
        self.locks = locks

    async def plan_discharge(self, call_id: int) -> list[Placement]:
        containers = await self.containers.list_for_call(call_id, status="ON_BOARD")
        reefer_blocks = await self.yard.blocks(reefer=True)
        dry_blocks = await self.yard.blocks(reefer=False)
        free = await self.yard.free_slots_by_block(reefer_blocks + dry_blocks)
        reefer_numbers = [c.number for c in containers if c.iso_type[2:3] == "R"]

        placements: list[Placement] = []
        for container in containers:
            blocks = reefer_blocks if container.number in reefer_numbers else dry_blocks
            try:
                placement = self._place(container, blocks, free)
            except Exception:
                log.warning("no placement for %s, leaving unplanned", container.number)
                continue
            if placement is not None:
                placements.append(placement)
        return placements

    def _place(self, container: Container, blocks: list[YardBlock], free: dict[int, list[YardSlot]]) -> Placement | None:
        best: tuple[float, YardBlock, YardSlot] | None = None
        for block in blocks:
            for slot in free.get(block.id, []):
                score = _stack_score(slot, container)
                if best is None or score < best[0]:
                    best = (score, block, slot)
        if best is None:
            return None
        _, block, slot = best
        free[block.id].remove(slot)
        return Placement(container=container.number, block=block.code, slot_id=slot.id)

    async def commit_block(self, block_id: int, placements: list[Placement], call_id: int) -> int:
        async with self.locks.block(block_id):
            numbers = [p.container for p in placements]
            found = await self.containers.by_numbers(numbers)
            claimed = 0
            for placement in placements:
                container = found.get(placement.container)
                if container is None:
                    continue
                if await self.yard.claim_slot(block_id, container.id) is not None:
                    claimed += 1
            await self.yard.commit()
            await self.cranes.enqueue_for_block(block_id, call_id, [found[n].id for n in numbers if n in found])
        return claimed

    async def block_capacity(self, block_id: int) -> dict:
        blocks = {b.id: b for b in await self.yard.blocks()}
        block = blocks.get(block_id)
        if block is None:
            return {"block": block_id, "capacity": 0}
        matrix = _block_matrix(block)
        capacity = sum(sum(row) for row in matrix) * block.bays
        occupancy = await self.yard.occupancy()
        return {"block": block.code, "capacity": capacity, "used": occupancy.get(block_id, 0)}
