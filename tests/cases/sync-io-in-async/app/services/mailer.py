"""Outbound notifications: a webhook and the welcome e-mail."""
import smtplib

import requests

WEBHOOK_URL = "https://hooks.example.com/orders"


def _post(payload: dict) -> bool:
    response = requests.post(WEBHOOK_URL, json=payload, timeout=5)
    return response.ok


def notify_order(order: dict) -> bool:
    payload = {"event": "order.updated", "order": order}
    return _post(payload)


def send_welcome(address: str) -> None:
    with smtplib.SMTP("localhost") as smtp:
        smtp.sendmail("noreply@example.com", [address], "Welcome!")


def render_subject(name: str) -> str:
    return f"Welcome, {name}"
