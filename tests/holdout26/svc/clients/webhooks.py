"""Outbound notifications to the messaging gateway."""
from __future__ import annotations

import logging
from typing import Any

import requests

log = logging.getLogger(__name__)

_http = requests.Session()


def post_event(url: str, event: str, payload: dict[str, Any]) -> int:
    resp = _http.post(url, json={"event": event, "data": payload}, timeout=5)
    return resp.status_code


def fetch_manifest(url: str) -> bytes:
    resp = requests.get(url)
    resp.raise_for_status()
    return resp.content
