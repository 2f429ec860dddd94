"""Outbound notifications: creator webhooks and mobile push."""
import hashlib
import hmac
import json
import logging
import uuid
from typing import Any

import httpx
import requests

from svc.config import Settings

logger = logging.getLogger(__name__)


def sign_payload(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def post_creator_webhook(url: str, secret: str, event: str, data: dict[str, Any]) -> int:
    body = json.dumps({"event": event, "data": data}).encode()
    resp = requests.post(
        url,
        data=body,
        headers={"Content-Type": "application/json", "X-StreamHub-Signature": sign_payload(secret, body)},
        timeout=5,
    )
    return resp.status_code


class PushClient:
    def __init__(self, http: httpx.AsyncClient, settings: Settings) -> None:
        self._http = http
        self._base = settings.push_url

    async def send(self, user_id: uuid.UUID, title: str, body: str, deep_link: str) -> None:
        resp = await self._http.post(
            f"{self._base}/v1/push",
            json={"user_id": str(user_id), "title": title, "body": body, "link": deep_link},
        )
        if resp.status_code >= 500:
            logger.warning("push gateway error", extra={"status": resp.status_code, "user_id": str(user_id)})
