"""Row access for wallets and rooms."""
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from wallets.models import Room, Wallet


class WalletRepo:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, wallet_id: int) -> Wallet | None:
        return await self._session.get(Wallet, wallet_id)

    async def get_for_update(self, wallet_id: int) -> Wallet | None:
        stmt = select(Wallet).where(Wallet.id == wallet_id).with_for_update()
        return (await self._session.execute(stmt)).scalar_one_or_none()

    async def set_credit(self, wallet: Wallet, credit: int) -> None:
        wallet.credit = credit
        await self._session.commit()


async def store_booked(session: AsyncSession, *, room: Room, booked: int) -> None:
    room.booked = booked
    await session.commit()
