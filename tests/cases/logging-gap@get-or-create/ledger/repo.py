from ledger.db import execute, fetchrow


class NotFound(Exception):
    pass


class Wallet:
    def __init__(self, owner: str, balance: int = 0) -> None:
        self.owner, self.balance = owner, balance


class WalletRepo:
    async def find(self, owner: str) -> Wallet:
        row = await fetchrow("SELECT owner, balance FROM wallets WHERE owner = $1", owner)
        if row is None:
            raise NotFound(owner)
        return Wallet(row["owner"], row["balance"])

    async def insert(self, wallet: Wallet) -> None:
        await execute("INSERT INTO wallets (owner, balance) VALUES ($1, $2)", wallet.owner, wallet.balance)

    async def mark(self, owner: str, status: str) -> None:
        await execute("UPDATE wallets SET status = $2 WHERE owner = $1", owner, status)
