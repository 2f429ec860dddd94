from __future__ import annotations

import httpx

from .. import __version__

USER_AGENT = f"flagyard/{__version__}"


def build_http_client() -> httpx.AsyncClient:
    """Shared outbound client; created once in the lifespan and closed on shutdown."""
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT},
        timeout=httpx.Timeout(10.0, connect=3.0),
        limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
    )
