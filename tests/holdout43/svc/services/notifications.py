"""Candidate and interviewer notifications: email/SMS transports and templates.

Template defaults ship with the service; companies may override them.
"""
from __future__ import annotations

import asyncio
import logging
import smtplib
import string
import time
from collections import defaultdict
from email.message import EmailMessage
from pathlib import Path

import aiosmtplib
import httpx

from svc.config import get_settings
from svc.db.models import Candidate, Job
from svc.observability import NOTIFICATIONS_SENT
from svc.utils.resilience import retry_async

log = logging.getLogger(__name__)


class EmailClient:
    def __init__(self) -> None:
        s = get_settings()
        self.host = s.smtp_host
        self.port = s.smtp_port
        self.sender = s.mail_from

    def _message(self, to: str, subject: str, body: str) -> EmailMessage:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        return msg

    async def send(self, to: str, subject: str, body: str) -> None:
        msg = self._message(to, subject, body)
        await retry_async(
            lambda: aiosmtplib.send(msg, hostname=self.host, port=self.port, timeout=15),
            attempts=3,
            retry_on=(aiosmtplib.SMTPException, OSError),
        )

    async def send_report(self, recipients: list[str], subject: str, body: str, attachment: bytes) -> None:
        msg = self._message(", ".join(recipients), subject, body)
        msg.add_attachment(attachment, maintype="text", subtype="csv", filename="pipeline.csv")
        with smtplib.SMTP(self.host, self.port, timeout=30) as smtp:
            smtp.send_message(msg)
        log.info("sent report %r to %d recipients", subject, len(recipients))


class SmsClient:
    def __init__(self) -> None:
        s = get_settings()
        self._from = s.sms_from
        self._client = httpx.AsyncClient(
            base_url=f"https://api.twilio.com/2010-04-01/Accounts/{s.sms_account_sid}",
            auth=(s.sms_account_sid, s.sms_auth_token),
            timeout=10.0,
        )

    async def send(self, to: str, body: str) -> bool:
        resp = await self._client.post("/Messages.json", data={"From": self._from, "To": to, "Body": body})
        if resp.status_code >= 400:
            log.warning("sms to %s rejected: %s %s", to[-4:], resp.status_code, resp.text[:200])
            return False
        log.debug("sms queued sid=%s", resp.json().get("sid"))
        return True

    async def aclose(self) -> None:
        await self._client.aclose()


_TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"


def _load_defaults() -> dict[str, str]:
    defaults: dict[str, str] = {}
    if _TEMPLATE_DIR.is_dir():
        for path in _TEMPLATE_DIR.glob("*.txt"):
            with open(path, encoding="utf-8") as fh:
                defaults[path.stem] = fh.read()
    defaults.setdefault("rejection", "Hi $name,\n\nThank you for applying to $job. We have decided not to move forward.\n")
    defaults.setdefault("interview_reminder", "Reminder: your $kind interview for $job is at $when.")
    defaults.setdefault("offer", "Hi $name, we're delighted to offer you the $job role.")
    return defaults


DEFAULT_TEMPLATES = _load_defaults()
COMPANY_OVERRIDES: dict[tuple[int, str], str] = {}


def set_override(company_id: int, name: str, body: str) -> None:
    COMPANY_OVERRIDES[(company_id, name)] = body


def render(company_id: int, name: str, **values: str) -> str:
    body = COMPANY_OVERRIDES.get((company_id, name)) or DEFAULT_TEMPLATES[name]
    return string.Template(body).safe_substitute(values)


SMS_PER_HOUR = 3
_sms_sent_at: dict[str, list[float]] = defaultdict(list)


class Notifier:
    def __init__(self, email: EmailClient, sms: SmsClient, concurrency: int = 10) -> None:
        self.email = email
        self.sms = sms
        self._sem = asyncio.Semaphore(concurrency)

    async def notify_rejection(self, candidate: Candidate, job: Job) -> None:
        body = render(job.company_id, "rejection", name=candidate.full_name, job=job.title)
        await self.email.send(candidate.email, f"Your application for {job.title}", body)
        NOTIFICATIONS_SENT.labels("email", "ok").inc()

    async def notify_rejections(self, candidates: list[Candidate], job: Job) -> None:
        async def one(c: Candidate) -> None:
            async with self._sem:
                await self.notify_rejection(c, job)

        results = await asyncio.gather(*(one(c) for c in candidates), return_exceptions=True)
        for c, result in zip(candidates, results):
            if isinstance(result, Exception):
                log.warning("rejection email to candidate %s failed: %s", c.id, result)

    async def bulk_announce(self, candidates: list[Candidate], subject: str, body: str) -> int:
        async def send_one(c: Candidate) -> None:
            async with self._sem:
                await self.email.send(c.email, subject, body)

        results = await asyncio.gather(*(send_one(c) for c in candidates), return_exceptions=True)
        return sum(1 for r in results if not isinstance(r, Exception))

    def _sms_allowed(self, phone: str) -> bool:
        now = time.time()
        recent = [t for t in _sms_sent_at[phone] if now - t < 3600]
        _sms_sent_at[phone] = recent
        if len(recent) >= SMS_PER_HOUR:
            return False
        recent.append(now)
        return True

    async def sms_reminder(self, phone: str, text: str) -> bool:
        if not self._sms_allowed(phone):
            log.info("sms rate limit reached for %s", phone[-4:])
            return False
        ok = await self.sms.send(phone, text)
        NOTIFICATIONS_SENT.labels("sms", "ok" if ok else "failed").inc()
        return ok

    async def email_reminder(self, to: str, subject: str, text: str) -> None:
        await self.email.send(to, subject, text)
        NOTIFICATIONS_SENT.labels("email", "ok").inc()
