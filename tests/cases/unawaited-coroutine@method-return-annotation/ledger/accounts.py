"""Account services a job builds per database session through a small factory method."""
from typing import Protocol


class AccountService:
    def __init__(self, session) -> None:
        self._session = session

    async def close_account(self, account_id: int) -> None:
        await self._session.execute("UPDATE accounts SET closed = true WHERE id = :id", {"id": account_id})


class Archiver(Protocol):
    async def archive(self, account_id: int) -> None: ...


class ColdArchiver:
    def __init__(self, session) -> None:
        self._session = session

    async def archive(self, account_id: int) -> None:
        await self._session.execute("INSERT INTO archive SELECT * FROM accounts WHERE id = :id", {"id": account_id})


class SyncArchiver:
    def archive(self, account_id: int) -> None:
        print("archived", account_id)


class Counter:
    def __init__(self) -> None:
        self.count = 0

    async def bump(self) -> None:
        self.count += 1


class QuietCounter(Counter):
    def bump(self) -> None:
        self.count += 1
