"""Courier partner API: job creation and status polling."""
from __future__ import annotations

import logging
from typing import Any

import httpx

from ..config import get_settings

log = logging.getLogger(__name__)
_settings = get_settings()

dispatch_client = httpx.AsyncClient(
    base_url=_settings.courier_base_url,
    headers={"Authorization": f"Bearer {_settings.courier_api_key}"},
    timeout=httpx.Timeout(10.0, connect=3.0),
)


async def create_job(pickup: dict[str, Any], dropoff: dict[str, Any], reference: str) -> dict[str, Any]:
    resp = await dispatch_client.post(
        "/v1/jobs",
        json={"pickup": pickup, "dropoff": dropoff, "reference": reference, "temperature_controlled": False},
        headers={"Idempotency-Key": reference},
    )
    resp.raise_for_status()
    return resp.json()


async def validate_address(address: dict[str, Any]) -> dict[str, Any]:
    """Ask the courier whether an address is inside a delivery zone; returns the normalised address."""
    resp = await dispatch_client.post("/v1/addresses/validate", json=address, timeout=None)
    resp.raise_for_status()
    body = resp.json()
    if not body.get("deliverable", False):
        raise ValueError(body.get("reason", "address outside delivery area"))
    return body["normalized"]


async def job_status(job_id: str) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=_settings.courier_base_url, timeout=5.0) as client:
        resp = await client.get(f"/v1/jobs/{job_id}", headers={"Authorization": f"Bearer {_settings.courier_api_key}"})
        resp.raise_for_status()
        return resp.json()


async def cancel_job(job_id: str) -> None:
    resp = await dispatch_client.post(f"/v1/jobs/{job_id}/cancel")
    if resp.status_code not in (200, 404):
        resp.raise_for_status()
