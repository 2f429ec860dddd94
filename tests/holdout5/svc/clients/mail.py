"""Transactional e-mail."""
from __future__ import annotations

import base64
import logging

import httpx

from svc.config import settings

log = logging.getLogger(__name__)


async def send_email(to: str, subject: str, html: str, attachments: dict[str, bytes] | None = None) -> str:
    files = [
        {"filename": name, "content": base64.b64encode(data).decode()} for name, data in (attachments or {}).items()
    ]
    async with httpx.AsyncClient(base_url=settings.mail_base_url, timeout=10.0) as client:
        resp = await client.post("/messages", json={"to": to, "subject": subject, "html": html, "attachments": files}, headers={"Authorization": f"Bearer {settings.mail_api_key}"})
    resp.raise_for_status()
    message_id = resp.json()["id"]
    log.info("mail %s queued for %s", message_id, to)
    return message_id
