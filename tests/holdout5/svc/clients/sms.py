"""SMS notifications via the legacy gateway (sync SDK-style helpers)."""
from __future__ import annotations

import logging

import requests

from svc.config import settings

log = logging.getLogger(__name__)

TEMPLATES = {
    "driver_arriving": "Your driver {driver} is {minutes} min away in a {vehicle}.",
    "driver_arrived": "Your driver {driver} has arrived.",
}


def _post_sms(to: str, body: str) -> None:
    resp = requests.post(f"{settings.sms_base_url}/messages", data={"to": to, "body": body}, auth=("api", settings.sms_api_key), timeout=5)
    resp.raise_for_status()


def send_template(to: str, template: str, **params: object) -> None:
    body = TEMPLATES[template].format(**params)
    log.debug("sms %s -> %s", template, to)
    _post_sms(to, body)
