"""Upload of billing export files to the claims clearinghouse."""
from __future__ import annotations

import logging

import httpx

from ..config import get_settings

log = logging.getLogger(__name__)


class ClearinghouseError(Exception):
    pass


async def upload_batch(filename: str, payload: bytes) -> str:
    url = get_settings().clearinghouse_url
    async with httpx.AsyncClient() as client:
        resp = await client.post(url, files={"file": (filename, payload, "text/csv")})
    if resp.status_code != 202:
        raise ClearinghouseError(f"upload of {filename} rejected: {resp.status_code}")
    receipt = resp.json()["receipt_id"]
    log.info("uploaded %s (%d bytes) receipt=%s", filename, len(payload), receipt)
    return receipt
