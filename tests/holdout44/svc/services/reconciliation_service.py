"""Compares on-chain wallet balances and transactions with the ledger."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any, Protocol

from svc.repositories.ledger import LedgerRepository
from svc.utils.observability import RECON_DRIFT

log = logging.getLogger(__name__)

CHAIN_ASSET = {"btc": "btc", "eth": "eth"}


class ChainBalanceSource(Protocol):
    chain: str

    async def balance_of(self, wallet: str): ...


@dataclass
class ReconciliationReport:
    chain: str
    onchain: object
    ledger: object
    unmatched_txids: list[str] = field(default_factory=list)

    @property
    def drift(self):
        return self.onchain - self.ledger


class ReconciliationService:
    def __init__(self, ledger: LedgerRepository, nodes: dict[str, ChainBalanceSource], wallets: dict[str, str]) -> None:
        self.ledger = ledger
        self.nodes = nodes
        self.wallets = wallets

    async def reconcile_chain(self, chain: str, chain_txs: list[dict[str, Any]]) -> ReconciliationReport:
        asset = CHAIN_ASSET[chain]
        onchain = await self.nodes[chain].balance_of(self.wallets[chain])
        entries = await self.ledger.entries_for_asset(asset)
        ledger_total = sum((e["amount"] for e in entries if e["account_kind"] in ("hot", "cold")), Decimal(0))

        references = await self._references(asset)
        unmatched = []
        for tx in chain_txs:
            if not any(ref.endswith(tx["txid"]) for ref in references):
                unmatched.append(tx["txid"])

        report = ReconciliationReport(chain, onchain, ledger_total, unmatched)
        RECON_DRIFT.labels(chain).set(float(report.drift))
        if report.drift != 0 or unmatched:
            log.error(
                "reconciliation drift on %s: onchain=%s ledger=%s unmatched=%d",
                chain, onchain, ledger_total, len(unmatched),
            )
        return report

    async def _references(self, asset: str) -> list[str]:
        rows = await self.ledger.history_references(asset)
        return [r["reference"] for r in rows]
