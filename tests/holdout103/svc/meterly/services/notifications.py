from __future__ import annotations

import asyncio
import string
from datetime import datetime
from pathlib import Path

from ..clients.email import MailClient


class Notifier:
    def __init__(self, mail: MailClient, templates_dir: str, portal_url: str = "https://portal.meterly.example") -> None:
        self._mail = mail
        self._templates = Path(templates_dir)
        self._portal_url = portal_url

    def _read_template(self, name: str) -> str:
        return (self._templates / f"{name}.html").read_text(encoding="utf-8")

    async def _render(self, name: str, **context: str) -> str:
        with open(self._templates / f"{name}.html", encoding="utf-8") as fh:
            template = fh.read()
        return string.Template(template).safe_substitute(context, portal_url=self._portal_url)

    async def key_rotation_reminder(self, email: str, key_name: str, prefix: str, expires_at: datetime) -> str:
        html = await self._render("key_rotation", key_name=key_name, prefix=prefix,
                                  expires_on=expires_at.strftime("%d %B %Y"))
        return await self._mail.send(email, f"API key {prefix}… expires soon", html, tag="key-rotation")

    async def invoice_ready(self, email: str, period: str, hosted_url: str) -> str:
        template = await asyncio.to_thread(self._read_template, "invoice_ready")
        html = string.Template(template).safe_substitute(period=period, url=hosted_url, portal_url=self._portal_url)
        return await self._mail.send(email, f"Your Meterly invoice for {period}", html, tag="invoice")
