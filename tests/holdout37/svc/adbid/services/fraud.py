"""Click fraud scoring: local heuristics plus the IP reputation feed."""
from __future__ import annotations

import asyncio
import ipaddress
import logging

import requests

from adbid.config import Settings

log = logging.getLogger(__name__)

DATACENTER_PREFIXES = tuple(
    ipaddress.ip_network(n) for n in ("3.0.0.0/9", "34.64.0.0/10", "35.184.0.0/13", "52.0.0.0/10")
)
BOT_MARKERS = ("bot", "spider", "crawler", "headless", "phantomjs")


class FraudScorer:
    def __init__(self, settings: Settings) -> None:
        self._feed_url = settings.fraud_url.rstrip("/")
        self._http = requests.Session()

    def _ip_reputation(self, ip: str) -> float:
        resp = self._http.get(f"{self._feed_url}/v1/reputation/{ip}", timeout=0.5)
        if resp.status_code != 200:
            return 0.0
        return float(resp.json().get("risk", 0.0))

    def _download_feed(self) -> list[str]:
        resp = self._http.get(f"{self._feed_url}/v1/blocklist.txt")
        resp.raise_for_status()
        return [line.strip() for line in resp.text.splitlines() if line.strip()]

    @staticmethod
    def _heuristic(ip: str | None, user_agent: str | None) -> float:
        score = 0.0
        ua = (user_agent or "").lower()
        if not ua or any(marker in ua for marker in BOT_MARKERS):
            score += 0.6
        if ip:
            try:
                addr = ipaddress.ip_address(ip)
            except ValueError:
                return 1.0
            if any(addr in net for net in DATACENTER_PREFIXES):
                score += 0.3
        return min(score, 1.0)

    async def score_click(self, ip: str | None, user_agent: str | None) -> float:
        score = self._heuristic(ip, user_agent)
        if ip and score < 0.9:
            rep = self._ip_reputation(ip)
            score = max(score, rep)
        return score

    async def refresh_blocklist(self) -> frozenset[str]:
        entries = await asyncio.to_thread(self._download_feed)
        log.info("fraud blocklist refreshed: %d entries", len(entries))
        return frozenset(entries)
