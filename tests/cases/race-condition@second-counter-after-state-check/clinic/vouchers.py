from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .models import Lab, Voucher, VoucherClaim


class Rejected(Exception):
    pass


async def redeem(session: AsyncSession, claim_id: int) -> int:
    claim = await session.get(VoucherClaim, claim_id)
    if claim is None or claim.status != "open":  # expect: race-condition
        raise Rejected("claim already settled")
    voucher = await session.get(Voucher, claim.voucher_id)
    if voucher.uses_left < 1:  # expect: race-condition
        raise Rejected("voucher used up")
    voucher.uses_left -= 1
    claim.status = "redeemed"
    await session.commit()
    return voucher.uses_left


async def book_lab(session: AsyncSession, claim_id: int, lab_id: int) -> None:
    # correct: the lab row is locked before its slots are checked and taken
    claim = await session.get(VoucherClaim, claim_id)
    if claim is None or claim.status != "redeemed":  # expect: race-condition
        raise Rejected("claim not redeemed")
    lab = (await session.execute(select(Lab).where(Lab.id == lab_id).with_for_update())).scalar_one()
    if lab.slots <= 0:
        raise Rejected("lab full")
    lab.slots -= 1
    claim.status = "booked"
    await session.commit()
