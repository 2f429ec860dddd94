"""Wrapper around the ledger vendor's synchronous SDK."""
from __future__ import annotations

import ledgerkit


class LedgerGateway:
    def __init__(self, key: str) -> None:
        self._sdk = ledgerkit.Client(api_key=key)

    def post_entry(self, account: str, cents: int) -> str:
        return self._sdk.entries.create(account=account, amount=cents).id

    def balance(self, account: str) -> int:
        return self._sdk.accounts.retrieve(account).balance

    def statement_link(self, account: str) -> str:
        return self._sdk.urls.build(f"/accounts/{account}/statement")

    def webhook_body(self, event: dict) -> bytes:
        return self._sdk.webhooks.encode_event(event)
