"""SMS provider (vendor SDK is synchronous)."""
from __future__ import annotations

import logging

from twilio.rest import Client

from dispensary.settings import Settings

logger = logging.getLogger(__name__)


class SmsGateway:
    def __init__(self, settings: Settings) -> None:
        self._client = Client(settings.sms_account_sid, settings.sms_auth_token)
        self._sender = settings.sms_sender

    def send_text(self, to: str, body: str) -> str:
        message = self._client.messages.create(to=to, from_=self._sender, body=body)
        return message.sid


def format_pickup_notice(branch_name: str, rx_label: str) -> str:
    return f"Your prescription {rx_label} is ready for pickup at {branch_name}. Reply STOP to opt out."


def deliver_pickup_notice(gateway: SmsGateway, phone: str, branch_name: str, rx_label: str) -> str:
    sid = gateway.send_text(phone, format_pickup_notice(branch_name, rx_label))
    logger.info("pickup notice queued sid=%s", sid)
    return sid


def format_refill_reminder(first_name: str, drug_name: str, due_label: str) -> str:
    return f"Hi {first_name}, your refill of {drug_name} is due {due_label}. Reply YES to request it."
