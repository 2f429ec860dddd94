import asyncio

import asyncpg

from ledger.locks import AccountLocks

_wallet_locks: dict[int, asyncio.Lock] = {}


def wallet_lock(wallet_id: int) -> asyncio.Lock:
    return _wallet_locks.setdefault(wallet_id, asyncio.Lock())


class LedgerService:
    def __init__(self, pool: asyncpg.Pool, locks: AccountLocks) -> None:
        self._pool = pool
        self._locks = locks

    async def post(self, account_id: int, amount: int) -> int:
        async with self._locks.account(account_id):
            await self._pool.execute("INSERT INTO entries (account_id, amount) VALUES ($1, $2)", account_id, amount)
            return await self.balance(account_id)  # expect: deadlock

    async def balance(self, account_id: int) -> int:
        async with self._locks.account(account_id):
            return await self._pool.fetchval("SELECT sum(amount) FROM entries WHERE account_id = $1", account_id)

    async def transfer_fee(self, account_id: int, house_id: int, fee: int) -> int:
        async with self._locks.account(account_id):
            await self._pool.execute("INSERT INTO entries (account_id, amount) VALUES ($1, $2)", account_id, -fee)
        return await self.balance(house_id)

    async def top_up(self, wallet_id: int, amount: int) -> int:
        async with wallet_lock(wallet_id):
            await self._pool.execute("UPDATE wallets SET cents = cents + $2 WHERE id = $1", wallet_id, amount)
            return await self.wallet_total(wallet_id)  # expect: deadlock

    async def wallet_total(self, wallet_id: int) -> int:
        async with wallet_lock(wallet_id):
            return await self._pool.fetchval("SELECT cents FROM wallets WHERE id = $1", wallet_id)

    async def mirror(self, wallet_id: int, twin_id: int) -> int:
        async with wallet_lock(wallet_id):
            return await self.wallet_total(twin_id)
