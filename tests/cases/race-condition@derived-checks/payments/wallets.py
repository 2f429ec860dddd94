"""Wallet rows in PostgreSQL, looked up by owner and currency, changed by primary key."""
import asyncpg


class InsufficientFunds(Exception):
    pass


class WalletRepository:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_for_user(self, user_id: int, currency: str) -> asyncpg.Record | None:
        return await self._pool.fetchrow(
            "SELECT id, balance_minor FROM wallets WHERE user_id = $1 AND currency = $2", user_id, currency)

    async def set_balance(self, wallet_id: int, balance_minor: int) -> None:
        await self._pool.execute("UPDATE wallets SET balance_minor = $2 WHERE id = $1", wallet_id, balance_minor)

    async def debit(self, wallet_id: int, amount_minor: int) -> int | None:
        return await self._pool.fetchval(
            "UPDATE wallets SET balance_minor = balance_minor - $2 WHERE id = $1 AND balance_minor >= $2 "
            "RETURNING balance_minor", wallet_id, amount_minor)


class WalletService:
    def __init__(self, wallets: WalletRepository) -> None:
        self._wallets = wallets

    async def withdraw(self, user_id: int, currency: str, amount_minor: int) -> int:
        wallet = await self._wallets.get_for_user(user_id, currency)
        if wallet is None:
            raise KeyError(currency)
        if wallet["balance_minor"] < amount_minor:  # expect: race-condition
            raise InsufficientFunds()
        new_balance = wallet["balance_minor"] - amount_minor
        await self._wallets.set_balance(wallet["id"], new_balance)
        return new_balance

    async def withdraw_atomic(self, user_id: int, currency: str, amount_minor: int) -> int:
        """The UPDATE re-checks the balance itself: the early check only fails fast."""
        wallet = await self._wallets.get_for_user(user_id, currency)
        if wallet is None:
            raise KeyError(currency)
        if wallet["balance_minor"] < amount_minor:
            raise InsufficientFunds()
        left = await self._wallets.debit(wallet["id"], amount_minor)
        if left is None:
            raise InsufficientFunds()
        return left
