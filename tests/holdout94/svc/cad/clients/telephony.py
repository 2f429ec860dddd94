from __future__ import annotations

import hashlib
import hmac

import httpx


class TelephonyGateway:
    """NG911 telephony gateway: webhook signature checks and call-control callbacks."""

    def __init__(self, http: httpx.AsyncClient, secret: str, callback_url: str) -> None:
        self._http = http
        self._secret = secret.encode()
        self._callback_url = callback_url

    def verify_signature(self, body: bytes, signature: str) -> bool:
        expected = hmac.new(self._secret, body, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)

    async def acknowledge(self, gateway_call_id: str, incident_number: str) -> None:
        url = f"{self._callback_url}/{gateway_call_id}/ack"
        resp = await self._http.post(url, json={"incident": incident_number})
        resp.raise_for_status()

    async def request_ali_rebid(self, gateway_call_id: str) -> dict:
        resp = await self._http.post(f"{self._callback_url}/{gateway_call_id}/rebid", timeout=8.0)
        resp.raise_for_status()
        return resp.json()
