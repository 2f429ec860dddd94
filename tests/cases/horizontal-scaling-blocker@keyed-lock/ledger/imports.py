"""Statement imports, one at a time per account, and balances cached per account."""
import asyncio
from collections import defaultdict

from ledger.repo import StatementRepository


class ImportService:
    def __init__(self, repo: StatementRepository) -> None:
        self._repo = repo
        self._account_locks: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)  # expect: horizontal-scaling-blocker
        self._refresh_locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._balances: dict[str, int] = {}

    async def import_statement(self, iban: str, lines: list[dict]) -> int:
        async with self._account_locks[iban]:
            return await self._repo.create_import(iban, len(lines))

    async def balance(self, iban: str) -> int:
        async with self._refresh_locks[iban]:
            if iban not in self._balances:
                self._balances[iban] = await self._repo.balance(iban)
            return self._balances[iban]
