"""Builds sign requests for hot-wallet withdrawals and tracks account nonces."""
from __future__ import annotations

import logging

from svc.clients.node_client import EthereumNodeClient
from svc.clients.signer_client import SignedTransaction, SignerClient, SignRequest
from svc.config import Settings
from svc.db.models import Withdrawal

log = logging.getLogger(__name__)


class SignerService:
    def __init__(self, client: SignerClient, eth_node: EthereumNodeClient, settings: Settings) -> None:
        self.client = client
        self.eth_node = eth_node
        self.settings = settings
        self._nonces: dict[str, int] = {}
        self._hot_addresses: dict[str, str] = {}

    async def _hot_address(self, chain: str) -> str:
        address = self._hot_addresses.get(chain)
        if address is None:
            address = await self.client.wallet_address(self.settings.hot_wallet_ids[chain])
            self._hot_addresses[chain] = address
        return address

    async def sign_withdrawal(self, withdrawal: Withdrawal) -> SignedTransaction:
        nonce: int | None = None
        if withdrawal.chain == "eth":
            nonce = self._nonces.get(withdrawal.chain)
            if nonce is None:
                nonce = await self.eth_node.nonce(await self._hot_address(withdrawal.chain))
        request = SignRequest(
            wallet_id=self.settings.hot_wallet_ids[withdrawal.chain],
            chain=withdrawal.chain,
            destination=withdrawal.destination,
            amount=withdrawal.amount,
            reference=f"withdrawal:{withdrawal.id}",
            nonce=nonce,
        )
        signed = await self.client.sign(request)
        if nonce is not None:
            self._nonces[withdrawal.chain] = nonce + 1
        log.info("signed withdrawal %s txid=%s", withdrawal.id, signed.txid)
        return signed

    def reset_nonce(self, chain: str) -> None:
        self._nonces.pop(chain, None)
