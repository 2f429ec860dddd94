"""Sweeps credited deposits from customer deposit addresses into the hot wallet."""
from __future__ import annotations

import asyncio
import logging
import time
from decimal import Decimal

from svc.clients.signer_client import SignerClient, SignRequest
from svc.config import Settings
from svc.db.engine import sessionmaker
from svc.db.models import Sweep
from svc.repositories.accounts import AccountRepository
from svc.repositories.deposits import DepositRepository
from svc.services.ledger_service import LedgerService
from svc.utils import locks

logger = logging.getLogger(__name__)


class Sweeper:
    name = "sweeper"

    def __init__(
        self, deposits: DepositRepository, signer: SignerClient, nodes: dict, ledger: LedgerService, settings: Settings
    ) -> None:
        self.deposits = deposits
        self.signer = signer
        self.nodes = nodes
        self.ledger = ledger
        self.settings = settings

    async def sweep_chain(self, chain: str) -> Decimal:
        rows = await self.deposits.unswept(chain)
        if not rows:
            return Decimal(0)
        addresses = await self.deposits.addresses_by_ids(sorted({r["address_id"] for r in rows}))
        total = sum((r["amount"] for r in rows), Decimal(0))
        if total < self.settings.sweep_threshold.get(chain, Decimal("Infinity")):
            return Decimal(0)

        async with locks.sweep_lock:
            async with locks.hot_wallet_lock:
                hot_address = await self.signer.wallet_address(self.settings.hot_wallet_ids[chain])
                signed = await self.signer.sign(
                    SignRequest(
                        wallet_id=f"deposit-pool-{chain}",
                        chain=chain,
                        destination=hot_address,
                        amount=total,
                        reference=f"sweep:{chain}:{min(r['id'] for r in rows)}-{max(r['id'] for r in rows)}",
                    )
                )
                txid = await self.nodes[chain].broadcast(signed.raw)

        async with sessionmaker()() as session:
            sweep = Sweep(chain=chain, txid=txid, total=total, deposit_count=len(rows), status="broadcast")
            session.add(sweep)
            accounts = AccountRepository(session)
            suspense = await accounts.system_account(chain, "suspense")
            hot = await accounts.system_account(chain, "hot")
            await session.commit()
        await self.deposits.mark_swept([r["id"] for r in rows])
        await self.ledger.transfer(f"sweep:{sweep.id}", suspense.id, hot.id, total - signed.fee, chain)
        log.info("swept %s %s from %d addresses in %s", total, chain, len(addresses), txid)
        return total

    async def run(self) -> None:
        while True:
            for chain in self.settings.hot_wallet_ids:
                try:
                    await self.sweep_chain(chain)
                except Exception:
                    logger.exception("sweep failed for %s", chain)
                time.sleep(self.settings.sweep_pause_s)
            await asyncio.sleep(60)
