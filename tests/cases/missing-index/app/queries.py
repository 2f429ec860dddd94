"""Queries against the tables of migrations/001_schema.sql."""
from __future__ import annotations

import asyncpg


class Store:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    async def account(self, account_id: int):
        return await self.pool.fetchrow("SELECT id, email FROM accounts WHERE id = $1", account_id)

    async def by_email(self, email: str):
        return await self.pool.fetchrow("SELECT id FROM accounts WHERE email = $1", email)

    async def tenant_accounts(self, tenant_id: int):
        return await self.pool.fetch("SELECT id FROM accounts WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 50", tenant_id)

    async def recent_accounts(self, since):
        return await self.pool.fetch("SELECT id FROM accounts WHERE created_at >= $1 LIMIT 100", since)  # expect: missing-index

    async def accounts_in_region(self, region: str):
        return await self.pool.fetch(
            """
            SELECT id, email
            FROM accounts
            WHERE region = $1  -- one index per lead column # expect: missing-index
              AND is_active
            LIMIT 100
            """,  # the WHERE line above carries the finding
            region,
        )

    async def active_accounts(self):
        return await self.pool.fetch("SELECT id FROM accounts WHERE is_active LIMIT 100")

    async def region_or_tenant(self, region: str, tenant_id: int):
        return await self.pool.fetch("SELECT id FROM accounts WHERE region = $1 OR tenant_id = $2", region, tenant_id)

    async def payment_by_reference(self, reference: str):
        return await self.pool.fetchrow("SELECT id FROM payments WHERE reference = $1", reference)

    async def open_payments(self, account_id: int):
        return await self.pool.fetch("SELECT id FROM payments WHERE account_id = $1 AND state = 'open'", account_id)  # expect: missing-index

    async def settle(self, account_id: int) -> None:
        await self.pool.execute("UPDATE payments SET state = 'settled' WHERE account_id = $1 AND state = 'open'", account_id)

    async def ledger_for(self, account_id: int):
        return await self.pool.fetch("SELECT id FROM ledger WHERE account_id = $1 AND entry_type = $2", account_id, "debit")

    async def ledger_by_type(self, entry_type: str):
        return await self.pool.fetch("SELECT id FROM ledger WHERE entry_type = $1 LIMIT 10", entry_type)  # expect: missing-index

    async def not_settled(self):
        return await self.pool.fetch("SELECT id FROM payments WHERE state <> 'settled' LIMIT 10")
