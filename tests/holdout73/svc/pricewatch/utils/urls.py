from __future__ import annotations

import functools
import urllib.request
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

RETAILER_DOMAINS = {
    "amazon.com": "amazon",
    "www.amazon.com": "amazon",
    "bestbuy.com": "generic",
    "www.bestbuy.com": "generic",
    "walmart.com": "generic",
    "www.walmart.com": "generic",
    "target.com": "generic",
}

_TRACKING_PARAMS = frozenset({"utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content", "ref", "tag"})
_SHORTENER_HOSTS = ("amzn.to", "bit.ly", "a.co")


@functools.lru_cache(maxsize=None)
def canonicalize(url: str) -> str:
    parts = urlsplit(url.strip())
    host = parts.netloc.lower()
    if host.startswith("m."):
        host = "www." + host[2:]
    query = [(k, v) for k, v in parse_qsl(parts.query) if k.lower() not in _TRACKING_PARAMS]
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(("https", host, path, urlencode(sorted(query)), ""))


@functools.lru_cache(maxsize=1024)
def retailer_key(host: str) -> str | None:
    host = host.lower()
    if host in RETAILER_DOMAINS:
        return RETAILER_DOMAINS[host]
    bare = host.removeprefix("www.")
    return RETAILER_DOMAINS.get(bare)


def is_short_link(url: str) -> bool:
    return urlsplit(url).netloc.lower() in _SHORTENER_HOSTS


def expand_short_url(url: str, timeout: float = 5.0) -> str:
    """Follow a shortener redirect chain and return the final URL."""
    req = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "PriceWatchBot/2.1"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        return resp.geturl()


def host_of(url: str) -> str:
    return urlsplit(url).netloc.lower()
