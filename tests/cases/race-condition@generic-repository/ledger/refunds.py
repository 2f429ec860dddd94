"""Refunds load the account through a repository built in place, with the generic base's `fetch`."""
from sqlalchemy.ext.asyncio import AsyncSession

from ledger.repo import AccountRepository


async def refund(session: AsyncSession, account_id: int, amount: int) -> int:
    account = await AccountRepository(session).fetch(account_id)
    if account is None or account.credit + amount > 10_000:  # expect: race-condition
        raise ValueError("refund would exceed the credit cap")
    account.credit = account.credit + amount
    await session.commit()
    return account.credit


async def relabel(session: AsyncSession, account_id: int, owner: str) -> None:
    # correct: the column checked is not the one written
    account = await AccountRepository(session).fetch(account_id)
    if account is None or account.credit < 0:
        raise ValueError("account in debt")
    account.owner = owner
    await session.commit()


async def update_profile(session: AsyncSession, account_id: int, fields: dict[str, str]) -> None:
    # correct: the column read is only the default of the new value, nothing is computed from it
    account = await AccountRepository(session).fetch(account_id)
    if account is None:
        raise LookupError(account_id)
    account.owner = fields.get("owner", account.owner)
    await session.commit()
