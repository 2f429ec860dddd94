"""Merge price updates from several providers into one stream keyed by our ids."""
from __future__ import annotations

import logging
from decimal import Decimal
from typing import Iterable

from svc.feeds.base import FeedBatch, PriceUpdate

logger = logging.getLogger(__name__)

# provider priority when two providers quote the same selection in one cycle
PRIORITY = {"betgenius": 0, "sportradar": 1}

MIN_PRICE = Decimal("1.01")
MAX_PRICE = Decimal("1001")


class SelectionMap:
    """provider selection ref -> internal selection id, loaded from the mapping table."""

    def __init__(self, mapping: dict[tuple[str, str], int]) -> None:
        self._mapping = mapping

    def resolve(self, provider: str, ref: str) -> int | None:
        return self._mapping.get((provider, ref))


def sane_price(raw: object) -> Decimal | None:
    try:
        price = Decimal(str(raw))
    except:
        return None
    if price < MIN_PRICE or price > MAX_PRICE:
        return None
    return price


def merge_batches(batches: Iterable[FeedBatch], selections: SelectionMap) -> list[dict]:
    """Return one normalised update per internal selection, best provider wins."""
    chosen: dict[int, PriceUpdate] = {}
    for batch in batches:
        for upd in batch.updates:
            sel_id = selections.resolve(upd.provider, upd.selection_ref)
            if sel_id is None:
                continue
            current = chosen.get(sel_id)
            if current is None or PRIORITY.get(upd.provider, 99) < PRIORITY.get(current.provider, 99):
                chosen[sel_id] = upd
    out = []
    for sel_id, upd in chosen.items():
        price = sane_price(upd.price)
        if price is None:
            logger.debug("dropping insane price %s for selection %s", upd.price, sel_id)
            continue
        out.append({"selection_id": sel_id, "price": str(price), "suspended": upd.suspended,
                    "provider": upd.provider})
    return out


def dedupe_scores(batches: Iterable[FeedBatch]) -> list[dict]:
    """Providers often echo the same score change; keep the first of each."""
    seen: list[tuple] = []
    result = []
    for batch in batches:
        for score in batch.scores:
            key = (score.get("event"), score.get("home"), score.get("away"), score.get("period"))
            if key in seen:
                continue
            seen.append(key)
            result.append(score)
    return result
