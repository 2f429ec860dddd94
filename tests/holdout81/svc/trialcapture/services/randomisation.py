from __future__ import annotations

import random
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..clients.irt import IrtClient
from ..models import Randomisation, Study, Subject
from ..utils.timeutil import utcnow

ARMS = ("active", "placebo")


@dataclass(frozen=True)
class Allocation:
    stratum: str
    slot: int
    arm: str


def stratum_key(strata: dict[str, str]) -> str:
    return "|".join(f"{name}={strata[name]}" for name in sorted(strata))


def block_for(study_id: int, stratum: str, block_number: int, block_size: int) -> list[str]:
    """Permuted block for one stratum; deterministic so that the schedule can be reproduced at unblinding."""
    rng = random.Random(f"{study_id}:{stratum}:{block_number}")
    block = [ARMS[i % len(ARMS)] for i in range(block_size)]
    rng.shuffle(block)
    return block


class RandomisationService:
    def __init__(self, session: AsyncSession, irt: IrtClient) -> None:
        self._session = session
        self._irt = irt

    async def allocate(self, study: Study, subject: Subject, strata: dict[str, str]) -> Allocation:
        stratum = stratum_key(strata)
        # Serialise allocations per study for the rest of the enrolment transaction.
        await self._session.execute(select(Study.id).where(Study.id == study.id).with_for_update())
        used = await self._session.scalar(
            select(func.count()).select_from(Randomisation).where(
                Randomisation.study_id == study.id, Randomisation.stratum == stratum
            )
        )
        slot = int(used or 0) + 1
        block_number, offset = divmod(slot - 1, study.randomisation_block_size)
        arm = block_for(study.id, stratum, block_number, study.randomisation_block_size)[offset]
        self._session.add(
            Randomisation(subject_id=subject.id, study_id=study.id, stratum=stratum, slot=slot, arm=arm,
                          allocated_at=utcnow())
        )
        return Allocation(stratum=stratum, slot=slot, arm=arm)

    async def register_with_irt(self, study: Study, subject: Subject, allocation: Allocation) -> str:
        reference = await self._irt.register_allocation(
            study.protocol_code, subject.subject_number or "", allocation.stratum, allocation.arm
        )
        row = await self._session.scalar(select(Randomisation).where(Randomisation.subject_id == subject.id))
        if row is not None:
            row.irt_reference = reference
            await self._session.commit()
        return reference
