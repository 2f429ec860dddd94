from __future__ import annotations

import ipaddress
import logging
import os
from functools import lru_cache

log = logging.getLogger(__name__)

_PRIVATE_COUNTRY = "ZZ"


class _EmptyReader:
    def get(self, ip: str) -> None:
        return None

    def close(self) -> None:
        return None


def open_reader(path: str):
    """Open the MaxMind database, or an empty reader when it is not installed."""
    if not os.path.exists(path):
        log.warning("GeoIP database %s not found; countries will be unknown", path)
        return _EmptyReader()
    import maxminddb

    return maxminddb.open_database(path, maxminddb.MODE_MMAP)


class GeoLookup:
    """Country lookup backed by a memory-mapped MaxMind database loaded at startup."""

    def __init__(self, reader) -> None:
        self._reader = reader

    def country(self, ip: str) -> str | None:
        try:
            addr = ipaddress.ip_address(ip)
        except ValueError:
            return None
        if addr.is_private or addr.is_loopback:
            return _PRIVATE_COUNTRY
        record = self._reader.get(ip)
        if not record:
            return None
        return record.get("country", {}).get("iso_code")


@lru_cache(maxsize=None)
def classify_user_agent(user_agent: str) -> str:
    ua = user_agent.lower()
    for needle, app in (
        ("applecoremedia", "Apple Podcasts"),
        ("spotify", "Spotify"),
        ("overcast", "Overcast"),
        ("pocketcasts", "Pocket Casts"),
        ("castbox", "Castbox"),
        ("mozilla", "Browser"),
    ):
        if needle in ua:
            return app
    return "Other"


@lru_cache(maxsize=4096)
def normalise_country(code: str | None) -> str:
    return (code or "ZZ").upper()[:2]
