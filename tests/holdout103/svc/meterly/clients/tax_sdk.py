"""Wrapper around the vendor's synchronous VAT validation SDK."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import requests

logger = logging.getLogger(__name__)

_VIES_URL = "https://vatcheck.example.eu/api/validate"


@dataclass
class VatResult:
    valid: bool
    name: str | None
    country: str


class VatChecker:
    def __init__(self, api_key: str) -> None:
        self._session = requests.Session()
        self._session.headers["X-Api-Key"] = api_key

    def validate(self, vat_id: str) -> VatResult:
        response = self._session.get(_VIES_URL, params={"vat": vat_id}, timeout=(3, 10))
        response.raise_for_status()
        data = response.json()
        return VatResult(valid=bool(data.get("valid")), name=data.get("name"), country=vat_id[:2])

    def reverse_charge_applies(self, vat_id: str | None, seller_country: str = "IE") -> bool:
        if not vat_id:
            return False
        result = self.validate(vat_id)
        return result.valid and result.country != seller_country
