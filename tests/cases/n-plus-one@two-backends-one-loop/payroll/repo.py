import asyncpg


class ContractorRepo:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def bank_account(self, contractor_id: int):
        return await self._pool.fetchrow("SELECT iban, currency FROM bank_accounts WHERE contractor_id = $1",
                                         contractor_id)

    async def rate_card(self, contractor_id: int):
        return await self._pool.fetchrow("SELECT hourly FROM rate_cards WHERE contractor_id = $1", contractor_id)

    async def active(self):
        return await self._pool.fetch("SELECT id, hours FROM contractors WHERE active")
