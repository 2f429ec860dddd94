"""Turning credits into a bank transfer."""
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from wallet.models import Account


class NotEnough(Exception):
    pass


async def cash_out(db: AsyncSession, bank, account_id: int, amount: int) -> str:
    account = await db.get(Account, account_id)
    if account.credits < amount:  # expect: race-condition
        raise NotEnough(account_id)
    reference = await bank.send(account_id, amount)
    await db.execute(update(Account).where(Account.id == account_id).values(credits=account.credits - amount))
    await db.commit()
    return reference


async def cash_out_split(db: AsyncSession, bank, account_id: int, amount: int) -> None:
    account = await db.get(Account, account_id)
    if amount > account.credits:  # expect: race-condition
        raise NotEnough(account_id)
    await bank.send(account.id, amount)
    await db.execute(
        update(Account)
        .where(Account.id == account.id)
        .values(credits=account.credits - amount)
    )
    await db.commit()


async def cash_out_atomic(db: AsyncSession, bank, account_id: int, amount: int) -> None:
    account = await db.get(Account, account_id)
    if account.credits < amount:
        raise NotEnough(account_id)
    result = await db.execute(
        update(Account).where(Account.id == account_id, Account.credits >= amount)
        .values(credits=Account.credits - amount).returning(Account.id))
    if result.scalar_one_or_none() is None:
        raise NotEnough(account_id)
    await db.commit()
    await bank.send(account_id, amount)
