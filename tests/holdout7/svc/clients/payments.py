from __future__ import annotations

import hashlib
import hmac

import requests

from svc.config import get_settings

settings = get_settings()

PROVIDER_URL = "https://api.payprovider.example/v2"


def verify_signature(payload: bytes, signature: str) -> bool:
    expected = hmac.new(settings.payments_webhook_secret.encode(), payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)


def fetch_charge(charge_id: str) -> dict:
    response = requests.get(f"{PROVIDER_URL}/charges/{charge_id}")
    response.raise_for_status()
    return response.json()


def fetch_refund(refund_id: str) -> dict:
    response = requests.get(f"{PROVIDER_URL}/refunds/{refund_id}", timeout=(2, 10))
    response.raise_for_status()
    return response.json()


def charge_status(charge_id: str) -> str:
    return fetch_charge(charge_id)["status"]
