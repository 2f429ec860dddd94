"""Outbound notifications: SMS gateway and customer webhooks."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import json
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx
import requests

from svc.errors import ValidationFailed


class SmsGateway:
    def __init__(self, url: str, api_key: str) -> None:
        self._url = url
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {api_key}"

    def send(self, to: str, body: str) -> str:
        resp = self._session.post(self._url, json={"to": to, "body": body[:320]}, timeout=(2, 5))
        resp.raise_for_status()
        return resp.json()["message_id"]


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved)


def ensure_public_host(url: str) -> str:
    """Reject webhook targets that resolve to internal addresses."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise ValidationFailed("webhook URL must be https")
    infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    if not all(_is_public(info[4][0]) for info in infos):
        raise ValidationFailed("webhook URL resolves to a private address")
    return parts.hostname


async def resolves_publicly(host: str) -> bool:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    return all(_is_public(info[4][0]) for info in infos)


class WebhookSender:
    def __init__(self, signing_secret: str) -> None:
        self._secret = signing_secret.encode()

    def _signature(self, body: bytes) -> str:
        return hmac.new(self._secret, body, hashlib.sha256).hexdigest()

    async def deliver(self, url: str, payload: dict[str, Any]) -> int:
        if not await resolves_publicly(urlsplit(url).hostname or ""):
            return 0
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {"Content-Type": "application/json", "X-Fleet-Signature": self._signature(body)}
        async with httpx.AsyncClient(timeout=5.0) as client:
            resp = await client.post(url, content=body, headers=headers)
        return resp.status_code
