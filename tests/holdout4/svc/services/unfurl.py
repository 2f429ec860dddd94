"""Link previews for URLs posted in messages."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import httpx

log = logging.getLogger(__name__)

URL_RE = re.compile(r"https?://[^\s<>\"]+")
MAX_PREVIEW_BYTES = 256 * 1024


@dataclass(frozen=True)
class LinkPreview:
    url: str
    title: str | None
    description: str | None


class _MetaParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, str] = {}
        self._in_title = False
        self.title: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("property", "").startswith("og:") and values.get("content"):
            self.meta[values["property"]] = values["content"] or ""
        elif tag == "title":
            self._in_title = True

    def handle_data(self, data: str) -> None:
        if self._in_title and self.title is None:
            self.title = data.strip()[:200]

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False


_preview_cache: dict[str, LinkPreview] = {}


class Unfurler:
    def __init__(self) -> None:
        self._http = httpx.AsyncClient(timeout=None, follow_redirects=True, max_redirects=3)

    async def preview(self, url: str) -> LinkPreview | None:
        cached = _preview_cache.get(url)
        if cached is not None:
            return cached
        try:
            response = await self._http.get(url, headers={"accept": "text/html"})
            response.raise_for_status()
        except httpx.HTTPError as exc:
            log.info("unfurl failed for %s: %s", url, exc)
            return None
        parser = _MetaParser()
        parser.feed(response.text[:MAX_PREVIEW_BYTES])
        preview = LinkPreview(
            url=url,
            title=parser.meta.get("og:title") or parser.title,
            description=parser.meta.get("og:description"),
        )
        _preview_cache[url] = preview
        return preview

    async def aclose(self) -> None:
        await self._http.aclose()


def find_urls(body: str, limit: int = 3) -> list[str]:
    return URL_RE.findall(body)[:limit]
