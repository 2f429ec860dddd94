"""Webhook delivery with requests (called from worker threads)."""
from typing import Any

import requests

from svc.config import settings


def deliver(event: str, body: dict) -> bool:
    response = requests.post(settings.webhook_url, json={"event": event, **body})  # expect: missing-timeout
    return response.ok


def deliver_bounded(event: str, body: dict) -> bool:
    response = requests.post(settings.webhook_url, json={"event": event, **body}, timeout=settings.webhook_timeout)
    return response.ok


def deliver_tuple(event: str) -> bool:
    return requests.get(settings.webhook_url, params={"e": event}, timeout=(3.05, 27)).ok


def deliver_with(event: str, **options: Any) -> bool:
    return requests.post(settings.webhook_url, json={"event": event}, **options).ok


def probe() -> int:
    session = requests.Session()
    return session.get(settings.webhook_url).status_code  # expect: missing-timeout
