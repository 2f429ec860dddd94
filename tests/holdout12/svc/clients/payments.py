"""Client for the payments provider used for creator payouts."""
import logging
from typing import Any

import aiohttp
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from svc.config import Settings
from svc.errors import PaymentProviderError

logger = logging.getLogger(__name__)

_TRANSIENT = (aiohttp.ClientConnectionError, aiohttp.ServerTimeoutError)


class PaymentsClient:
    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._session: aiohttp.ClientSession | None = None

    async def start(self) -> None:
        self._session = aiohttp.ClientSession(
            base_url=self._settings.payments_base_url,
            headers={"Authorization": f"Bearer {self._settings.payments_api_key}"},
        )

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    @property
    def session(self) -> aiohttp.ClientSession:
        if self._session is None:
            raise RuntimeError("PaymentsClient.start() was not called")
        return self._session

    @retry(
        retry=retry_if_exception_type(_TRANSIENT),
        stop=stop_after_attempt(3),
        wait=wait_exponential_jitter(initial=0.5, max=8),
        reraise=True,
    )
    async def create_transfer(self, account_id: str, amount_cents: int, idempotency_key: str) -> str:
        payload = {"destination": account_id, "amount": amount_cents, "currency": "usd"}
        async with self.session.post("/v2/transfers", json=payload, headers={"Idempotency-Key": idempotency_key}) as resp:
            body: dict[str, Any] = await resp.json()
            if resp.status >= 400:
                logger.warning("transfer rejected", extra={"status": resp.status, "account": account_id})
                raise PaymentProviderError(body.get("error", "transfer failed"), status=resp.status)
            return body["id"]
