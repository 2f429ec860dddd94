from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from tenacity import retry, retry_if_exception_type, stop_after_attempt, wait_exponential

from lifeline.errors import LabUnavailable
from lifeline.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class CrossmatchResult:
    sample_id: str
    status: str  # pending, compatible, incompatible
    antibodies: list[str]
    component_ids: list[int]


class LabClient:
    """Client for the reference lab's cross-match and testing API."""

    def __init__(self, settings: Settings) -> None:
        self._client = httpx.AsyncClient(
            base_url=settings.lab_api_url,
            headers={"Authorization": f"Bearer {settings.lab_api_key}"},
            timeout=None,
        )

    async def aclose(self) -> None:
        await self._client.aclose()

    async def submit_order(self, order_id: int, patient_ref: str, kind: str, quantity: int) -> str:
        body = {"order": order_id, "patient": patient_ref, "component": kind, "units": quantity}
        response = await self._client.post("/crossmatch/requests", json=body)
        response.raise_for_status()
        return response.json()["sample_id"]

    @retry(
        retry=retry_if_exception_type(httpx.TransportError),
        wait=wait_exponential(multiplier=0.5, max=8),
        stop=stop_after_attempt(4),
        reraise=True,
    )
    async def fetch_result(self, sample_id: str) -> CrossmatchResult:
        response = await self._client.get(f"/crossmatch/results/{sample_id}")
        if response.status_code == 503:
            raise LabUnavailable("lab result service unavailable")
        response.raise_for_status()
        data: dict[str, Any] = response.json()
        return CrossmatchResult(
            sample_id=sample_id,
            status=data["status"],
            antibodies=list(data.get("antibodies", [])),
            component_ids=[int(c) for c in data.get("components", [])],
        )

    async def submit_test_panel(self, bag_barcode: str, panel: dict[str, Any]) -> None:
        response = await self._client.put(f"/testing/units/{bag_barcode}", json=panel)
        response.raise_for_status()
