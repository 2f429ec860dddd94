from __future__ import annotations

from dataclasses import dataclass

import requests


@dataclass
class TariffQuote:
    code: str
    amount: float
    currency: str


class TariffSdk:
    """Thin synchronous SDK for the port authority's tariff service; callers run it in a thread."""

    def __init__(self, endpoint: str, api_key: str = "") -> None:
        self._endpoint = endpoint.rstrip("/")
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {api_key}"

    def quote(self, tariff_code: str, quantity: int) -> TariffQuote:
        response = self._session.get(f"{self._endpoint}/tariffs/{tariff_code}", params={"qty": quantity})
        response.raise_for_status()
        body = response.json()
        return TariffQuote(code=tariff_code, amount=float(body["amount"]), currency=body["currency"])
