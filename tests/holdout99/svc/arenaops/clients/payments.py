from __future__ import annotations

import logging
from typing import Any

import requests

from arenaops.errors import PaymentPartnerError
from arenaops.settings import Settings

logger = logging.getLogger(__name__)


class PaymentPartnerClient:
    """Thin wrapper over the payment partner's REST API (synchronous SDK style)."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.payments_base_url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {settings.payments_api_key}"

    def create_transfer(self, recipient: str, amount_cents: int, currency: str, idempotency_key: str) -> dict[str, Any]:
        resp = self._session.post(
            f"{self._base}/v1/transfers",
            json={"recipient": recipient, "amount": amount_cents, "currency": currency},
            headers={"Idempotency-Key": idempotency_key},
            timeout=(3, 20),
        )
        if resp.status_code >= 400:
            raise PaymentPartnerError(f"transfer rejected: {resp.status_code}", body=resp.text[:500])
        return resp.json()

    def transfer_status(self, transfer_id: str) -> str:
        resp = self._session.get(f"{self._base}/v1/transfers/{transfer_id}", timeout=(3, 10))
        resp.raise_for_status()
        return resp.json()["status"]
