"""Outbound notifications: the downstream order webhook and the e-mail relay."""

from __future__ import annotations

import logging
import time
from decimal import Decimal
from typing import Any, Mapping

import requests

from app.config import settings

logger = logging.getLogger(__name__)

_HEADERS = {
    "Content-Type": "application/json",
    "User-Agent": "trading-backend/notifier",
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _serialize_order(order: Mapping[str, Any]) -> dict[str, Any]:
    fields = (
        "id",
        "user_id",
        "instrument_id",
        "side",
        "order_type",
        "quantity",
        "limit_price",
        "status",
        "filled_quantity",
        "avg_fill_price",
        "client_ref",
        "created_at",
    )
    return {name: _jsonable(order.get(name)) for name in fields if name in order}


def _deliver_webhook(event: str, payload: dict[str, Any]) -> bool:
    body = {"event": event, "payload": payload, "sent_at": time.time()}
    try:
        response = requests.post(settings.webhook_url, json=body, headers=_HEADERS)
        response.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("webhook delivery failed for %s: %s", event, exc)
        return False
    return True


def notify_order_event(order: Mapping[str, Any], event: str) -> bool:
    """Tell downstream systems (risk desk, CRM) about an order lifecycle event."""
    payload = _serialize_order(order)
    delivered = _deliver_webhook(f"order.{event}", payload)
    if not delivered:
        logger.info("order %s event %s will be picked up by reconciliation", order.get("id"), event)
    return delivered


def send_email(to: str, subject: str, body: str) -> bool:
    try:
        payload = {"to": to, "subject": subject, "text": body}
        response = requests.post(settings.notify_email_url, json=payload, headers=_HEADERS, timeout=settings.webhook_timeout)
        response.raise_for_status()
    except requests.RequestException as exc:
        logger.warning("e-mail relay rejected message to %s: %s", to, exc)
        return False
    return True


def notify_price_alert(user: Mapping[str, Any], event: Mapping[str, Any]) -> bool:
    prefs = user.get("settings") or {}
    if prefs.get("notify_email", True) is False:
        return False
    subject = f"{event['symbol']} is {event['direction']} {event['threshold']}"
    body = (
        f"Hi {user.get('display_name', 'there')},\n\n"
        f"{event['symbol']} traded at {event['price']}, which is {event['direction']} "
        f"your alert level of {event['threshold']}.\n"
    )
    return send_email(user["email"], subject, body)
