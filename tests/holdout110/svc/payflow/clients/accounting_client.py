from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx

from payflow.errors import AccountingSyncError
from payflow.settings import get_settings


class QuickBooksClient:
    """QuickBooks-style journal API. Tokens are per company connection."""

    def __init__(self, base_url: str | None = None) -> None:
        self.base_url = base_url or get_settings().quickbooks_base_url

    async def _request(self, method: str, path: str, token: str, **kwargs: Any) -> dict:
        async with httpx.AsyncClient(base_url=self.base_url, timeout=20.0) as client:
            resp = await client.request(
                method, path, headers={"Authorization": f"Bearer {token}"}, **kwargs
            )
        try:
            resp.raise_for_status()
        except httpx.HTTPStatusError as exc:
            raise AccountingSyncError(f"quickbooks {method} {path} failed: {exc.response.status_code}")
        return resp.json()

    async def get_account(self, realm_id: str, token: str, code: str) -> dict:
        body = await self._request(
            "GET",
            f"/company/{realm_id}/query",
            token,
            params={"query": f"select * from Account where AcctNum = '{code}'"},
        )
        accounts = body.get("QueryResponse", {}).get("Account", [])
        if not accounts:
            raise AccountingSyncError(f"account {code} not found")
        return accounts[0]

    async def list_accounts(self, realm_id: str, token: str) -> list[dict]:
        body = await self._request(
            "GET", f"/company/{realm_id}/query", token, params={"query": "select * from Account"}
        )
        return body.get("QueryResponse", {}).get("Account", [])

    async def create_journal_entry(
        self, realm_id: str, token: str, lines: list[dict], memo: str, txn_date: str
    ) -> str:
        body = await self._request(
            "POST",
            f"/company/{realm_id}/journalentry",
            token,
            json={"Line": lines, "PrivateNote": memo, "TxnDate": txn_date},
        )
        return body["JournalEntry"]["Id"]


def journal_line(account_id: str, amount: Decimal, posting: str, description: str) -> dict:
    return {
        "Amount": float(amount),
        "DetailType": "JournalEntryLineDetail",
        "Description": description,
        "JournalEntryLineDetail": {"PostingType": posting, "AccountRef": {"value": account_id}},
    }
