from __future__ import annotations

import logging

import httpx

logger = logging.getLogger(__name__)

MAIL_API = "https://mail-relay.example/v1/send"


async def send_email(to: str, subject: str, body: str, api_key: str) -> None:
    async with httpx.AsyncClient() as client:
        resp = await client.post(
            MAIL_API,
            json={"to": to, "subject": subject, "text": body},
            headers={"Authorization": f"Bearer {api_key}"},
        )
    if resp.status_code >= 400:
        logger.error("mail relay rejected message to %s: %s", to, resp.status_code)
