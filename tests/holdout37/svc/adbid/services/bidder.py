"""The bidder: chooses a campaign and price for each impression in a bid request."""
from __future__ import annotations

import asyncio
import copy
import heapq
import logging
import time
from dataclasses import dataclass

from adbid.cache.campaign_cache import CampaignCache, CampaignSnapshot
from adbid.clients.geo_client import GeoClient
from adbid.config import Settings
from adbid.metrics import BID_LATENCY, bid_latency_reservoir
from adbid.repositories.events import EventsRepository
from adbid.schemas import Bid, BidRequest, BidResponse, Impression, SeatBid
from adbid.services import targeting
from adbid.services.budget import BudgetExhausted, BudgetService
from adbid.services.pacing import PacingService
from adbid.utils.primitives import new_impression_id, request_id_for
from adbid.utils.primitives import cpm_to_price_micros
from adbid.utils.signing import sign_payload
from adbid.utils.timeutil import utcnow

log = logging.getLogger(__name__)

_STATS = {"requests": 0, "bids": 0, "no_bids": 0}


@dataclass(slots=True)
class Candidate:
    campaign: CampaignSnapshot
    price_micros: int


class Bidder:
    def __init__(self, settings: Settings, cache: CampaignCache, pacing: PacingService,
                 budget: BudgetService, geo: GeoClient, events: EventsRepository,
                 capper: targeting.FrequencyCapper, advertiser_domains: dict[int, str]) -> None:
        self._settings = settings
        self._cache = cache
        self._pacing = pacing
        self._budget = budget
        self._geo = geo
        self._events = events
        self._capper = capper
        self._advertiser_domains = advertiser_domains

    async def handle(self, exchange: str, request: BidRequest) -> BidResponse | None:
        started = time.perf_counter()
        _STATS["requests"] += 1
        campaigns = copy.deepcopy(self._cache.all())
        if not campaigns:
            return None
        blocklist = targeting.load_site_blocklist()
        if request.site and request.site.domain and request.site.domain.lower() in blocklist:
            return None
        country = await self._country(request)
        multipliers = await self._pacing.multipliers()
        bids: list[Bid] = []
        placed: list[tuple[str, int, int]] = []
        for imp in request.imp:
            candidates = [
                Candidate(c, self._price(c, imp, multipliers.get(c.id, 1.0)))
                for c in campaigns
                if self._eligible(c, imp, request, country)
            ]
            best = await self._pick(candidates, imp)
            if best is None:
                continue
            bids.append(self._build_bid(exchange, request, imp, best))
            placed.append((imp.id, best.campaign.id, best.price_micros))
        elapsed = time.perf_counter() - started
        BID_LATENCY.observe(elapsed)
        bid_latency_reservoir.observe(elapsed)
        if not bids:
            _STATS["no_bids"] += 1
            return None
        _STATS["bids"] += len(bids)
        asyncio.create_task(self._log_bids(exchange, request.id, placed))
        return BidResponse(id=request.id, seatbid=[SeatBid(bid=bids)])

    async def _country(self, request: BidRequest) -> str | None:
        device = request.device
        if device is None:
            return None
        if device.geo and device.geo.country:
            return device.geo.country
        if device.ip:
            return (await self._geo.lookup(device.ip)).country
        return None

    def _eligible(self, c: CampaignSnapshot, imp: Impression, request: BidRequest, country: str | None) -> bool:
        if not c.creative_ids:
            return False
        if not targeting.size_matches(c, imp) or not targeting.geo_matches(c, country):
            return False
        if targeting.advertiser_blocked(request, self._advertiser_domains, c):
            return False
        user_id = request.user.id if request.user else None
        return self._capper.allowed(user_id, c)

    @staticmethod
    def _price(c: CampaignSnapshot, imp: Impression, multiplier: float) -> int:
        price = int(cpm_to_price_micros(c.max_bid_micros) * multiplier)
        floor = int(imp.bidfloor * 1_000_000 / 1000)
        return price if price >= floor else 0

    async def _pick(self, candidates: list[Candidate], imp: Impression) -> Candidate | None:
        ranked = heapq.nlargest(3, (c for c in candidates if c.price_micros > 0), key=lambda c: c.price_micros)
        for cand in ranked:
            try:
                await self._budget.reserve(cand.campaign.id, cand.price_micros,
                                           cand.campaign.daily_budget_micros, utcnow().date())
            except BudgetExhausted:
                continue
            return cand
        return None

    def _build_bid(self, exchange: str, request: BidRequest, imp: Impression, cand: Candidate) -> Bid:
        impression_id = new_impression_id()
        token = sign_payload(
            {
                "i": str(impression_id),
                "r": f"{request_id_for(exchange, request.id)}:{imp.id}",
                "c": cand.campaign.id,
                "cr": cand.campaign.creative_ids[0],
                "p": cand.price_micros,
                "x": exchange,
                "l": cand.campaign.landing_url,
            },
            self._settings.tracking_secret,
        )
        user_id = request.user.id if request.user else None
        self._capper.record(user_id, cand.campaign.id)
        base = self._settings.tracking_base_url
        return Bid(
            id=str(impression_id),
            impid=imp.id,
            price=cand.price_micros * 1000 / 1_000_000,
            adm=f'<img src="{base}/t/imp?tk={token}&p=${{AUCTION_PRICE}}"/>',
            crid=str(cand.campaign.creative_ids[0]),
            nurl=f"{base}/t/win?tk={token}&p=${{AUCTION_PRICE}}",
        )

    async def _log_bids(self, exchange: str, request_id: str, placed: list[tuple[str, int, int]]) -> None:
        rows = [(f"{request_id_for(exchange, request_id)}:{imp_id}", exchange, campaign_id, price)
                for imp_id, campaign_id, price in placed]
        try:
            await self._events.log_bids(rows)
        except Exception:
            log.exception("failed to log %d bids for %s", len(rows), request_id)


def stats() -> dict[str, int]:
    return dict(_STATS)
