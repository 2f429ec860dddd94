"""IP to region lookup used to pick the matchmaking region."""

from __future__ import annotations

import requests

from svc.config import get_settings

_session = requests.Session()

DEFAULT_REGION = "eu-west"


def lookup_region(ip_address: str) -> str:
    settings = get_settings()
    response = _session.get(f"{settings.geo_base_url}/v1/lookup", params={"ip": ip_address}, timeout=2.0)
    if response.status_code != 200:
        return DEFAULT_REGION
    return str(response.json().get("region", DEFAULT_REGION))
