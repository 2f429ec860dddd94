from __future__ import annotations

import asyncio
import itertools
import logging
import threading
from dataclasses import dataclass, field

import aiohttp

log = logging.getLogger(__name__)

PROBE_URL = "https://www.gstatic.com/generate_204"


@dataclass(eq=False)
class Proxy:
    url: str
    failures: int = 0
    uses: int = 0
    tags: set[str] = field(default_factory=set)


def _read_proxy_file(path: str) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


class ProxyPool:
    """Round-robin pool of outbound proxies.

    The lock is a threading lock because the admin stats exporter thread reads the pool.
    """

    def __init__(self, path: str, max_failures: int = 5) -> None:
        self._path = path
        self._max_failures = max_failures
        self._lock = threading.Lock()
        self._proxies: list[Proxy] = []
        self._cycle = itertools.cycle(())

    async def load(self) -> int:
        urls = await asyncio.to_thread(_read_proxy_file, self._path)
        with self._lock:
            self._proxies = [Proxy(u) for u in urls]
            self._cycle = itertools.cycle(self._proxies)
        log.info("loaded %d proxies from %s", len(urls), self._path)
        return len(urls)

    def acquire(self) -> Proxy:
        with self._lock:
            if not self._proxies:
                raise RuntimeError("proxy pool is empty")
            proxy = next(self._cycle)
            proxy.uses += 1
            return proxy

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"proxies": len(self._proxies), "failing": sum(1 for p in self._proxies if p.failures)}

    async def _probe(self, proxy: Proxy) -> bool:
        timeout = aiohttp.ClientTimeout(total=5)
        try:
            async with aiohttp.ClientSession(timeout=timeout) as session:
                async with session.get(PROBE_URL, proxy=proxy.url) as resp:
                    return resp.status == 204
        except (aiohttp.ClientError, asyncio.TimeoutError):
            return False

    async def report_failure(self, proxy: Proxy) -> None:
        self._lock.acquire()
        try:
            proxy.failures += 1
            if proxy.failures < self._max_failures:
                return
            if await self._probe(proxy):
                proxy.failures = 0
                return
            if proxy in self._proxies:
                self._proxies.remove(proxy)
                self._cycle = itertools.cycle(self._proxies)
        finally:
            self._lock.release()
        log.warning("evicted proxy %s after %d failures (%d left)", proxy.url, proxy.failures, len(self._proxies))

    def report_success(self, proxy: Proxy) -> None:
        proxy.failures = 0
