"""Turns chain data into deposit rows and ledger credits."""
from __future__ import annotations

import asyncio
import copy
import logging
from decimal import Decimal
from typing import Any

from svc.db.engine import sessionmaker
from svc.repositories.accounts import AccountRepository
from svc.repositories.addresses import AddressRepository
from svc.repositories.deposits import DepositRepository
from svc.services.ledger_service import LedgerService
from svc.services.notification_service import NotificationService
from svc.utils.observability import DEPOSITS_CREDITED, DEPOSITS_SEEN
from svc.utils.money import parse_node_amount
from svc.ws.hub import hub

log = logging.getLogger(__name__)


def _btc_outputs(block: dict[str, Any]) -> list[tuple[str, int, str, Decimal]]:
    outputs = []
    for tx in block.get("tx", []):
        for out in tx.get("vout", []):
            address = out.get("scriptPubKey", {}).get("address")
            if address:
                outputs.append((tx["txid"], out["n"], address, parse_node_amount(out["value"])))
    return outputs


def _eth_outputs(block: dict[str, Any]) -> list[tuple[str, int, str, Decimal]]:
    return [
        (tx["hash"], 0, (tx.get("to") or "").lower(), parse_node_amount(tx["value"]))
        for tx in block.get("transactions", [])
        if tx.get("to")
    ]


class DepositService:
    def __init__(self, deposits: DepositRepository, ledger: LedgerService, notifier: NotificationService) -> None:
        self.deposits = deposits
        self.ledger = ledger
        self.notifier = notifier

    async def scan_block(self, chain: str, height: int, block: dict[str, Any]) -> int:
        snapshot = copy.deepcopy(block)
        outputs = _btc_outputs(snapshot) if chain == "btc" else _eth_outputs(snapshot)
        async with sessionmaker()() as session:
            addresses = AddressRepository(session)
            watched = await addresses.all_watched(chain)
            found = 0
            for txid, vout, address, amount in outputs:
                match = next((w for w in watched if w[0] == address), None)
                if match is None:
                    continue
                _, address_id, customer_id = match
                deposit_id = await self.deposits.insert_seen(chain, txid, vout, address_id, amount, height)
                if deposit_id is None:
                    continue
                found += 1
                DEPOSITS_SEEN.labels(chain).inc()
                event = {"deposit_id": deposit_id, "chain": chain, "txid": txid, "amount": str(amount)}
                asyncio.create_task(self.notifier.deposit_seen(customer_id, event))
                await hub.push(customer_id, {"type": "deposit_seen", **event})
        return found

    async def credit(self, deposit: dict[str, Any], customer_id: int, asset: str) -> bool:
        async with sessionmaker()() as session:
            accounts = AccountRepository(session)
            customer_account = await accounts.customer_account(customer_id, asset)
            suspense = await accounts.system_account(asset, "suspense")
            await session.commit()
        credited = await self.ledger.credit_deposit(
            deposit_id=deposit["id"],
            customer_account_id=customer_account.id,
            suspense_account_id=suspense.id,
            amount=deposit["amount"],
            asset=asset,
            customer_id=customer_id,
        )
        if credited:
            DEPOSITS_CREDITED.labels(deposit["chain"]).inc()
            log.info("credited deposit %s (%s %s) to customer %s", deposit["id"], deposit["amount"], asset, customer_id)
        return credited
