from __future__ import annotations

import asyncio
import json
import logging
import smtplib
import urllib.request
from email.message import EmailMessage
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from svc.db.models import Shipment
    from svc.settings import Settings

logger = logging.getLogger(__name__)

STATUS_TEXT = {
    "picked_up": "has been picked up by the carrier",
    "in_transit": "is on its way",
    "out_for_delivery": "is out for delivery today",
    "delivered": "has been delivered",
    "exception": "is delayed - the carrier reported a problem",
    "returned": "is being returned to the sender",
}


class SmsClient:
    def __init__(self, url: str, token: str) -> None:
        self._url = url
        self._token = token

    def _request(self, path: str = "", body: dict | None = None) -> urllib.request.Request:
        data = json.dumps(body).encode() if body is not None else None
        return urllib.request.Request(
            self._url + path,
            data=data,
            method="POST" if data else "GET",
            headers={"Authorization": f"Bearer {self._token}", "Content-Type": "application/json"},
        )

    def send(self, to: str, text: str) -> str:
        req = self._request(body={"to": to, "text": text[:480], "sender": "ShipTrack"})
        with urllib.request.urlopen(req) as resp:
            payload = json.loads(resp.read())
        return payload["message_id"]

    def balance(self) -> int:
        req = self._request("/balance")
        with urllib.request.urlopen(req, timeout=10) as resp:
            return int(json.loads(resp.read())["credits"])


def render_delivery_email(shipment: Shipment, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = shipment.notify_email or ""
    msg["Subject"] = f"Your shipment {shipment.tracking_number} has been delivered"
    delivered = shipment.delivered_at.strftime("%d %b %Y, %H:%M") if shipment.delivered_at else "today"
    msg.set_content(
        f"Hello,\n\nyour shipment {shipment.tracking_number} was delivered on {delivered}.\n"
        f"Reference: {shipment.reference or '-'}\n\nThank you for shipping with us.\n"
    )
    return msg


class Notifier:
    def __init__(self, settings: Settings) -> None:
        self._smtp_host = settings.smtp_host
        self._smtp_port = settings.smtp_port
        self._sender = settings.smtp_sender
        self._sms = SmsClient(settings.sms_gateway_url, settings.sms_gateway_token)

    def _send_email(self, msg: EmailMessage) -> None:
        with smtplib.SMTP(self._smtp_host, self._smtp_port, timeout=15) as smtp:
            smtp.send_message(msg)

    async def notify_delivered(self, shipment: Shipment) -> None:
        if shipment.notify_email:
            msg = render_delivery_email(shipment, self._sender)
            await asyncio.to_thread(self._send_email, msg)
        if shipment.notify_phone:
            text = f"Shipment {shipment.tracking_number} {STATUS_TEXT['delivered']}."
            await asyncio.to_thread(self._sms.send, shipment.notify_phone, text)

    async def notify_status_change(self, tracking_number: str, phone: str | None, status: str) -> None:
        if not phone or status not in STATUS_TEXT:
            return
        text = f"Shipment {tracking_number} {STATUS_TEXT[status]}."
        try:
            await asyncio.to_thread(self._sms.send, phone, text)
        except Exception:
            pass

    async def sms_credits(self) -> int:
        return await asyncio.to_thread(self._sms.balance)
