"""A directory lookup the page needs, and link previews that are best effort."""
import logging

import httpx

log = logging.getLogger(__name__)


class Directory:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(base_url="http://directory.internal", timeout=2.0)

    async def profile(self, user_id: int) -> dict:
        response = await self._http.get(f"/v1/users/{user_id}")  # expect: no-retry
        response.raise_for_status()
        return response.json()


class Unfurler:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=3.0, follow_redirects=True)

    async def preview(self, url: str) -> str | None:
        try:
            response = await self._http.get(url, headers={"accept": "text/html"})
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("unfurl failed for %s: %s", url, exc)
            return None
        return response.text[:200]
