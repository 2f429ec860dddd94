"""RDAP lookups for domains we do not manage (transfer-in eligibility, abuse triage)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import requests

from zonekeep.core.logging import get_logger

log = get_logger("clients.whois")

RDAP_BOOTSTRAP = "https://rdap.org/domain/"


def _parse_events(data: dict[str, Any]) -> dict[str, datetime]:
    out: dict[str, datetime] = {}
    for event in data.get("events", []):
        try:
            out[event["eventAction"]] = datetime.fromisoformat(event["eventDate"].replace("Z", "+00:00"))
        except:
            continue
    return out


async def rdap_lookup(domain: str) -> dict[str, Any]:
    resp = requests.get(RDAP_BOOTSTRAP + domain, timeout=10)
    if resp.status_code == 404:
        return {"registered": False}
    resp.raise_for_status()
    data = resp.json()
    events = _parse_events(data)
    return {
        "registered": True,
        "registrar": next((e.get("vcardArray") for e in data.get("entities", []) if "registrar" in e.get("roles", [])), None),
        "registered_at": events.get("registration"),
        "statuses": data.get("status", []),
    }


def transfer_eligible(info: dict[str, Any], now: datetime) -> bool:
    if "client transfer prohibited" in info.get("statuses", []):
        return False
    registered = info.get("registered_at")
    return registered is None or (now - registered).days >= 60
