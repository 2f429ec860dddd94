"""Port names looked up once and kept by this process."""
from __future__ import annotations

import cachetools

port_names: dict[str, str] = {}
recent_tariffs = cachetools.TTLCache(maxsize=512, ttl=600)
