from __future__ import annotations

import base64
import logging

import requests

from readroom.clients.resilience import shared_client
from readroom.settings import get_settings

log = logging.getLogger(__name__)


class EmailClient:
    def __init__(self) -> None:
        s = get_settings()
        self._client = shared_client(
            "email", s.email_base_url, timeout=15.0, headers={"Authorization": f"Bearer {s.email_api_key}"}
        )

    async def send(self, to: str, subject: str, body: str, attachment: bytes | None = None) -> str:
        payload: dict = {"to": [to], "subject": subject, "text": body}
        if attachment is not None:
            payload["attachments"] = [
                {"filename": "report.pdf", "content": base64.b64encode(attachment).decode()}
            ]
        resp = await self._client.post("/messages", json=payload)
        resp.raise_for_status()
        return resp.json()["id"]


def send_email_sync(to: str, subject: str, body: str, attachment: bytes | None = None) -> str:
    s = get_settings()
    payload: dict = {"to": [to], "subject": subject, "text": body}
    if attachment is not None:
        payload["attachments"] = [{"filename": "report.pdf", "content": base64.b64encode(attachment).decode()}]
    resp = requests.post(
        f"{s.email_base_url}/messages",
        json=payload,
        headers={"Authorization": f"Bearer {s.email_api_key}"},
    )
    resp.raise_for_status()
    return resp.json()["id"]

