"""HTTP delivery of webhook payloads to customer endpoints."""
from __future__ import annotations

import hashlib
import hmac
import json
import time

import httpx


def sign(secret: str, body: bytes, ts: int) -> str:
    mac = hmac.new(secret.encode(), f"{ts}.".encode() + body, hashlib.sha256)
    return mac.hexdigest()


async def deliver(url: str, secret: str, event: str, payload: dict) -> int:
    body = json.dumps({"event": event, "data": payload}, default=str).encode()
    ts = int(time.time())
    async with httpx.AsyncClient(timeout=10.0) as client:
        resp = await client.post(
            url,
            content=body,
            headers={
                "Content-Type": "application/json",
                "X-Docflow-Event": event,
                "X-Docflow-Signature": f"t={ts},v1={sign(secret, body, ts)}",
            },
        )
    return resp.status_code
