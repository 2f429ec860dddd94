"""Client for the HSM-backed signing service."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from decimal import Decimal

import aiohttp

from svc.config import Settings
from svc.utils.observability import SIGNER_LATENCY

log = logging.getLogger(__name__)


class SignerError(RuntimeError):
    pass


class SignerUnavailable(SignerError):
    pass


class SignerRejected(SignerError):
    pass


@dataclass(frozen=True)
class SignRequest:
    wallet_id: str
    chain: str
    destination: str
    amount: Decimal
    reference: str
    nonce: int | None = None


@dataclass(frozen=True)
class SignedTransaction:
    raw: str
    txid: str
    fee: Decimal


class SignerClient:
    def __init__(self, settings: Settings) -> None:
        self._base_url = settings.signer_url
        self._api_key = settings.signer_api_key
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(base_url=self._base_url, headers={"Authorization": f"Bearer {self._api_key}"})

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def sign(self, request: SignRequest) -> SignedTransaction:
        assert self._session is not None, "signer client not started"
        payload = {
            "wallet_id": request.wallet_id,
            "chain": request.chain,
            "to": request.destination,
            "amount": str(request.amount),
            "reference": request.reference,
            "nonce": request.nonce,
        }
        started = time.perf_counter()
        try:
            async with self._session.post("/v1/sign", json=payload) as resp:
                if resp.status == 409:
                    raise SignerRejected(await resp.text())
                resp.raise_for_status()
                body = await resp.json()
        except aiohttp.ClientError as exc:
            raise SignerUnavailable(f"signer unreachable: {exc}")
        finally:
            SIGNER_LATENCY.observe(time.perf_counter() - started)
        return SignedTransaction(raw=body["raw_tx"], txid=body["txid"], fee=Decimal(body["fee"]))

    async def wallet_address(self, wallet_id: str) -> str:
        assert self._session is not None
        try:
            async with self._session.get(f"/v1/wallets/{wallet_id}") as resp:
                resp.raise_for_status()
                return (await resp.json())["address"]
        except aiohttp.ClientError as exc:
            raise SignerUnavailable("wallet lookup failed") from exc

    async def health(self) -> bool:
        assert self._session is not None
        try:
            async with self._session.get("/healthz", timeout=aiohttp.ClientTimeout(total=2)) as resp:
                return resp.status == 200
        except aiohttp.ClientError:
            log.warning("signer health probe failed", exc_info=True)
            return False
