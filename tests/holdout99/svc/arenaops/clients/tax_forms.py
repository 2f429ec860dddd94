from __future__ import annotations

from typing import Any

import requests

from arenaops.settings import Settings


class TaxFormClient:
    """Tax-form vendor: sends W-9/W-8BEN envelopes for e-signature."""

    def __init__(self, settings: Settings) -> None:
        self._base = settings.taxforms_base_url
        self._key = settings.taxforms_api_key

    def request_form(self, player_email: str, form_type: str) -> dict[str, Any]:
        resp = requests.post(
            f"{self._base}/api/envelopes",
            json={"email": player_email, "template": form_type},
            headers={"X-Api-Key": self._key},
        )
        resp.raise_for_status()
        return resp.json()

    def envelope_status(self, envelope_id: str) -> str:
        resp = requests.get(
            f"{self._base}/api/envelopes/{envelope_id}", headers={"X-Api-Key": self._key}, timeout=10
        )
        resp.raise_for_status()
        return resp.json()["status"]
