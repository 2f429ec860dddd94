from __future__ import annotations

import asyncio
import logging
import smtplib
from email.message import EmailMessage

import requests

from seqcore.settings import get_settings

logger = logging.getLogger(__name__)


def _post_webhook(payload: dict) -> None:
    url = get_settings().slack_webhook_url
    if not url:
        return
    resp = requests.post(url, json=payload, timeout=10)
    if resp.status_code >= 400:
        logger.warning("slack webhook returned %s", resp.status_code)


def _format_job(job) -> dict:
    icon = ":white_check_mark:" if job.status == "completed" else ":x:"
    return {"text": f"{icon} pipeline {job.pipeline} for run {job.run_id} is {job.status}"}


def announce_job(job) -> None:
    _post_webhook(_format_job(job))


class Mailer:
    def __init__(self, host: str, sender: str = "seqcore@core.example.edu") -> None:
        self._host = host
        self._sender = sender

    def _send_smtp(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self._host, timeout=15) as smtp:
            smtp.send_message(msg)

    async def send(self, to: str, subject: str, body: str) -> None:
        msg = EmailMessage()
        msg["From"], msg["To"], msg["Subject"] = self._sender, to, subject
        msg.set_content(body)
        await asyncio.to_thread(self._send_smtp, msg)
