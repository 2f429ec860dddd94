"""Real-time bidding: choose a line item for an OpenRTB request and price it."""
from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from redis.asyncio import Redis

from svc import errors
from svc.clients.exchange import ExchangeClient
from svc.clients.partners import BrandSafetyClient, FxClient, GeoClient
from svc.db.report_repo import ReportRepository
from svc.schemas import BidRequest, BidResponse
from svc.services.caches import FloorPriceCache, TargetingCache, cached_markup, normalize_domain
from svc.services.pacing import PacingService

logger = logging.getLogger(__name__)

FREQ_CAP_WINDOW_SECONDS = 86_400
WIN_URL = "https://bid.ads.example.com/openrtb/win?campaign_id={cid}&bid={bid}&price=${{AUCTION_PRICE}}"


@dataclass(frozen=True)
class LineItemView:
    id: int
    campaign_id: int
    advertiser_id: int
    creative_id: int
    bid_cpm: Decimal
    width: int
    height: int
    targeting: dict[str, list[str]]
    traffic_pct: int
    freq_cap: int
    deal_id: str | None = None

    @classmethod
    def from_record(cls, row: Any) -> LineItemView:
        values = {name: row[name] for name in cls.__dataclass_fields__ if name != "targeting"}
        targeting = row["targeting"]
        return cls(**values, targeting=json.loads(targeting) if isinstance(targeting, str) else targeting or {})


class BidStats:
    """Bid outcome counters, flushed to the shared cache redis."""

    def __init__(self, redis: Redis) -> None:
        self._redis = redis
        self._counts: Counter[str] = Counter()

    def incr(self, outcome: str) -> None:
        self._counts[outcome] += 1

    async def publish(self) -> None:
        pending, self._counts = self._counts, Counter()
        if pending:
            async with self._redis.pipeline(transaction=False) as pipe:
                for outcome, count in pending.items():
                    pipe.hincrby("bidder:outcomes", outcome, count)
                await pipe.execute()


class Bidder:
    def __init__(
        self,
        *,
        pacing: PacingService,
        exchange: ExchangeClient,
        brand_safety: BrandSafetyClient,
        geo: GeoClient,
        fx: FxClient,
        targeting: TargetingCache,
        floors: FloorPriceCache,
        stats: BidStats,
        freqcap: Redis,
        rate_card: dict[str, Decimal],
    ) -> None:
        self._pacing = pacing
        self._exchange = exchange
        self._brand_safety = brand_safety
        self._geo = geo
        self._fx = fx
        self._targeting = targeting
        self._floors = floors
        self._stats = stats
        self._freqcap = freqcap
        self._rate_card = rate_card
        self._index: dict[tuple[int, int], list[LineItemView]] = {}
        self._background: set[asyncio.Task[None]] = set()

    def load_index(self, items: Iterable[LineItemView]) -> int:
        index: dict[tuple[int, int], list[LineItemView]] = {}
        for item in items:
            index.setdefault((item.width, item.height), []).append(item)
        self._index = index
        return sum(len(group) for group in index.values())

    @functools.lru_cache(maxsize=None)
    def _user_bucket(self, user_id: str) -> int:
        digest = hashlib.sha256(user_id.encode()).digest()
        return int.from_bytes(digest[:4], "big") % 100

    def _floor_for(self, request: BidRequest, domain: str) -> Decimal:
        size_floor = self._rate_card.get(f"{request.width}x{request.height}", Decimal(0))
        domain_floor = self._floors.get(domain) or Decimal(0)
        return max(request.floor_cpm, size_floor, domain_floor)

    def _targeting_for(self, item: LineItemView) -> dict[str, list[str]]:
        rules = self._targeting.get(item.id)
        if rules is None:
            rules = {key: list(values) for key, values in item.targeting.items()}
            self._targeting.put(item.id, rules)
        return rules

    async def _under_freq_cap(self, item: LineItemView, user_id: str) -> bool:
        key = f"fcap:{item.campaign_id}:{user_id}"
        async with self._freqcap.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, FREQ_CAP_WINDOW_SECONDS, nx=True)
            seen, _ = await pipe.execute()
        return int(seen) <= item.freq_cap

    async def handle(self, request: BidRequest) -> BidResponse | None:
        candidates = self._index.get((request.width, request.height), [])
        if not candidates:
            self._stats.incr("no_candidates")
            return None
        domain = normalize_domain(request.site_domain)
        if not await self._brand_safety.is_safe(domain):
            self._stats.incr("unsafe")
            return None
        geo = await self._geo.lookup(request.ip)
        bucket = self._user_bucket(request.user_id)
        floor = self._floor_for(request, domain)
        for item in candidates:
            if bucket >= item.traffic_pct or item.bid_cpm < floor:
                continue
            rules = self._targeting_for(item)
            deny = rules.setdefault("deny_domains", [])
            deny.extend(request.blocked_domains)
            if domain in deny:
                continue
            countries = rules.get("countries")
            if countries and geo.country not in countries:
                continue
            if not await self._under_freq_cap(item, request.user_id):
                continue
            if item.deal_id and item.deal_id == request.pmp_deal_id:
                if not await self._pacing.can_spend_deal(item.campaign_id, item.bid_cpm / 1000):
                    continue
            elif not await self._pacing.reserve(item.campaign_id, item.bid_cpm / 1000):
                self._stats.incr("budget")
                continue
            price = await self._fx.convert(item.bid_cpm, request.currency)
            self._stats.incr("bid")
            return BidResponse(
                id=request.id,
                imp_id=request.imp_id,
                price=price,
                currency=request.currency,
                adm=cached_markup(item.creative_id) or "",
                crid=str(item.creative_id),
                nurl=WIN_URL.format(cid=item.campaign_id, bid=item.bid_cpm),
            )
        self._stats.incr("no_match")
        return None

    async def handle_win(
        self, campaign_id: int, bid_cpm: Decimal, clearing_cpm: Decimal, tracking_urls: list[str]
    ) -> None:
        self._pacing.settle(campaign_id, (clearing_cpm - bid_cpm) / 1000)
        self._stats.incr("win")
        for url in tracking_urls:
            asyncio.create_task(self._exchange.fire_tracking_pixel(url))
        flush = asyncio.create_task(self._stats.publish())
        self._background.add(flush)
        flush.add_done_callback(self._background.discard)

    async def campaign_status(self, campaign_id: int) -> dict[str, Any]:
        remaining = await self._pacing.remaining_budget(campaign_id)
        if remaining <= 0:
            raise errors.BudgetExceeded(f"campaign {campaign_id} has no budget left today")
        live = sum(1 for group in self._index.values() for item in group if item.campaign_id == campaign_id)
        return {"campaign_id": campaign_id, "remaining": str(remaining), "live_line_items": live}


async def refresh_local_state(
    bidder: Bidder, pacing: PacingService, floors: FloorPriceCache, reports: ReportRepository, interval: float
) -> None:
    """Refresh this replica's in-memory views (line items, budgets, floors) and flush settlements."""
    while True:
        try:
            rows = await reports.active_line_items()
            count = bidder.load_index(LineItemView.from_record(row) for row in rows)
            await pacing.load_budgets()
            await pacing.flush_spend()
            await floors.refresh()
            logger.debug("bidder index refreshed with %d line items", count)
        except Exception:
            logger.exception("local state refresh failed")
        await asyncio.sleep(interval)
