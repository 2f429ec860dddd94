"""Invoice listings: one uses the batch lookup, the others look accounts up one at a time."""
from __future__ import annotations

from uuid import UUID

from billing.repository import AccountRepository

HOUSE_ACCOUNTS = ("ops", "finance")


class AccountService:
    def __init__(self, repo: AccountRepository) -> None:
        self._repo = repo

    async def get_record(self, account_id: UUID):
        return await self._repo.get_by_id(account_id)

    async def get_records(self, account_ids: list[UUID]):
        return await self._repo.get_many(account_ids)


class InvoiceService:
    def __init__(self, accounts: AccountService, repo: AccountRepository) -> None:
        self._accounts = accounts
        self._repo = repo

    async def list_page(self, invoices: list[dict]) -> list[dict]:
        rows = []
        for invoice in invoices:
            account = await self._accounts.get_record(invoice["account_id"])  # expect: n-plus-one
            rows.append({"invoice": invoice["id"], "owner": account["owner"] if account else None})
        return rows

    async def balances(self, account_ids: list[UUID]) -> dict[UUID, int]:
        return {account_id: await self._repo.balance(account_id) for account_id in account_ids}  # expect: n-plus-one

    async def list_for_owner(self, invoices: list[dict]) -> list[dict]:
        accounts = await self._accounts.get_records(list({i["account_id"] for i in invoices}))
        return [{"invoice": i["id"], "account": accounts.get(i["account_id"])} for i in invoices]

    async def house_accounts(self, ids_by_name: dict[str, UUID]) -> list:
        return [await self._accounts.get_record(ids_by_name[name]) for name in HOUSE_ACCOUNTS]
