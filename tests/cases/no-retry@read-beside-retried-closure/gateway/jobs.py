"""Nightly jobs using both clients."""
from __future__ import annotations

from datetime import date

from gateway.client import Gateway, Ledger

gateway = Gateway("https://gateway.example")
ledger = Ledger("https://ledger.example")


async def nightly(day: date) -> int:
    items = await gateway.settlement_report(day)
    for item in items:
        if item["refund"]:
            await gateway.refund(item["charge"], item["amount"], item["key"])
        else:
            await gateway.charge(item["amount"], item["token"], item["key"])
        await ledger.post_entry(item)
    balance = await ledger.balance("settlements")
    return int(balance["cents"])
