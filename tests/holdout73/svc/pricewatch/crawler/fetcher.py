from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import httpx

from pricewatch.crawler.proxy_pool import Proxy, ProxyPool
from pricewatch.crawler.rate_limiter import RetailerRateLimiter
from pricewatch.utils.resilience import BreakerRegistry, CircuitOpenError
from pricewatch.utils.observability import CRAWL_LATENCY

log = logging.getLogger(__name__)

USER_AGENT = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0 Safari/537.36"
)
BLOCK_MARKERS = ("captcha", "robot check", "access denied")


class FetchError(Exception):
    pass


@dataclass(slots=True)
class FetchResult:
    status: int
    html: str
    blocked: bool
    proxy: Proxy


class Fetcher:
    def __init__(
        self,
        proxies: ProxyPool,
        limiter: RetailerRateLimiter,
        breakers: BreakerRegistry,
        max_attempts: int = 3,
    ) -> None:
        self._proxies = proxies
        self._limiter = limiter
        self._breakers = breakers
        self.max_attempts = max_attempts
        self._clients: dict[str, httpx.AsyncClient] = {}

    def _client_for(self, proxy: Proxy) -> httpx.AsyncClient:
        client = self._clients.get(proxy.url)
        if client is None:
            client = httpx.AsyncClient(
                proxy=proxy.url,
                timeout=None,
                follow_redirects=True,
                headers={"User-Agent": USER_AGENT, "Accept-Language": "en-US,en;q=0.9"},
            )
            self._clients[proxy.url] = client
        return client

    async def fetch(self, url: str, retailer: str) -> FetchResult:
        breaker = self._breakers.for_key(retailer)
        if not breaker.allow():
            raise CircuitOpenError(f"retailer {retailer} circuit open")

        for attempt in range(self.max_attempts):
            await self._limiter.wait_turn(retailer)
            proxy = self._proxies.acquire()
            started = time.perf_counter()
            try:
                resp = await self._client_for(proxy).get(url)
            except httpx.TransportError as exc:
                await self._proxies.report_failure(proxy)
                breaker.record_failure()
                if attempt == self.max_attempts:
                    raise FetchError(f"{url}: {exc}") from exc
                await asyncio.sleep(2**attempt)
                continue
            CRAWL_LATENCY.labels(retailer).observe(time.perf_counter() - started)
            head = resp.text[:20_000].lower()
            blocked = resp.status_code in (403, 429, 503) or any(m in head for m in BLOCK_MARKERS)
            if blocked:
                breaker.record_failure()
            else:
                breaker.record_success()
                self._proxies.report_success(proxy)
            return FetchResult(resp.status_code, resp.text, blocked, proxy)

    async def aclose(self) -> None:
        await asyncio.gather(*(c.aclose() for c in self._clients.values()))
