"""SMS gateway. Synchronous: used from scripts and, via threads, from the service."""
from __future__ import annotations

import logging

import requests

from ..config import get_settings

log = logging.getLogger(__name__)
_settings = get_settings()
_session = requests.Session()


def send_sms(phone: str, body: str) -> bool:
    resp = _session.post(
        _settings.sms_gateway_url,
        json={"to": phone, "body": body},
        headers={"Authorization": f"Key {_settings.sms_api_key}"},
        timeout=(3.05, 10),
    )
    if resp.status_code >= 400:
        log.warning("sms gateway rejected message: %s", resp.status_code)
        return False
    return True
