"""Bridge to the pre-acquisition loyalty platform still used by two brands."""
from __future__ import annotations

import json
import logging

import requests

from svc.config import settings

log = logging.getLogger(__name__)


def _payload(guest_id: int, points: int, reason: str) -> dict:
    return {"member_ref": f"G{guest_id:08d}", "points": points, "reason": reason}


def push_points(guest_id: int, points: int, reason: str) -> bool:
    body = json.dumps(_payload(guest_id, points, reason))
    resp = requests.post(settings.legacy_loyalty_url, data=body, headers={"Content-Type": "application/json"}, timeout=5)
    if resp.status_code >= 400:
        log.warning("legacy loyalty rejected guest %s: %s", guest_id, resp.status_code)
        return False
    return True
