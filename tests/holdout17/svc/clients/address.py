"""Legacy address-validation service. Its SDK era API is synchronous, so calls run in a worker thread."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import requests


@dataclass(frozen=True, slots=True)
class AddressVerdict:
    valid: bool
    normalised_line1: str | None
    normalised_postcode: str | None


class AddressValidator:
    def __init__(self, url: str) -> None:
        self._url = url
        self._session = requests.Session()

    def _validate_blocking(self, payload: dict[str, str]) -> dict[str, Any]:
        response = self._session.post(self._url, json=payload)
        response.raise_for_status()
        return response.json()

    async def validate(self, line1: str, postcode: str, country: str) -> AddressVerdict:
        payload = {"line1": line1, "postcode": postcode, "country": country}
        data = await asyncio.to_thread(self._validate_blocking, payload)
        return AddressVerdict(
            valid=bool(data["valid"]),
            normalised_line1=data.get("line1"),
            normalised_postcode=data.get("postcode"),
        )

    def close(self) -> None:
        self._session.close()
