from __future__ import annotations

import json
import logging
import time
from decimal import Decimal
from typing import Any

from cachetools import TTLCache
from redis.exceptions import RedisError

from ..cache.redis_client import get_redis
from ..config import get_settings
from ..schemas import Quote

log = logging.getLogger(__name__)

_last_prices: dict[str, Decimal] = {}
_local_quotes: TTLCache[str, Quote] = TTLCache(maxsize=20_000, ttl=1.0)


def _quote_key(symbol: str) -> str:
    return f"quote:{symbol}"


async def on_tick(tick: dict[str, Any]) -> None:
    """Called for every tick from the exchange feed."""
    symbol = tick["s"]
    quote = Quote(symbol=symbol, bid=Decimal(tick["b"]), ask=Decimal(tick["a"]), last=Decimal(tick["p"]), ts=tick["t"])
    _last_prices[symbol] = quote.last
    _local_quotes[symbol] = quote
    await get_redis().set(_quote_key(symbol), quote.model_dump_json(), ex=get_settings().quote_cache_ttl_seconds * 30)


def last_price(symbol: str) -> Decimal | None:
    return _last_prices.get(symbol)


async def get_quote(symbol: str) -> Quote | None:
    cached = _local_quotes.get(symbol)
    if cached is not None:
        return cached
    try:
        raw = await get_redis().get(_quote_key(symbol))
    except RedisError:
        log.warning("redis unavailable for quote %s; serving last known price", symbol)
        price = _last_prices.get(symbol)
        return None if price is None else Quote(symbol=symbol, bid=price, ask=price, last=price, ts=0.0)
    if raw is None:
        return None
    quote = Quote.model_validate_json(raw)
    _local_quotes[symbol] = quote
    return quote


async def get_quotes(symbols: list[str]) -> dict[str, Quote]:
    if not symbols:
        return {}
    raws = await get_redis().mget([_quote_key(s) for s in symbols])
    return {s: Quote.model_validate_json(r) for s, r in zip(symbols, raws) if r is not None}


async def price_history(symbol: str, interval: str, points: int) -> list[dict[str, Any]]:
    from ..clients.gateway import get_gateway

    redis = get_redis()
    cache_key = f"history:{symbol}:{points}"
    cached = await redis.get(cache_key)
    if cached is not None:
        return json.loads(cached)
    resp = await get_gateway()._client.get(
        f"/v1/marketdata/{symbol}/bars", params={"interval": interval, "limit": points}
    )
    resp.raise_for_status()
    bars = resp.json()["bars"]
    await redis.set(cache_key, json.dumps(bars), ex=60)
    return bars


def quote_age(quote: Quote) -> float:
    return time.time() - quote.ts


WATCHLIST_LIMIT = 100


def _watchlist_key(customer_id: int) -> str:
    return f"watchlist:{customer_id}"


async def add_to_watchlist(customer_id: int, symbol: str) -> bool:
    redis = get_redis()
    key = _watchlist_key(customer_id)
    if await redis.scard(key) >= WATCHLIST_LIMIT:
        return False
    await redis.sadd(key, symbol.upper())
    return True


async def remove_from_watchlist(customer_id: int, symbol: str) -> None:
    await get_redis().srem(_watchlist_key(customer_id), symbol.upper())


async def watchlist_quotes(customer_id: int) -> list[Quote]:
    symbols = sorted(await get_redis().smembers(_watchlist_key(customer_id)))
    result: list[Quote] = []
    for symbol in symbols:
        quote = await get_quote(symbol)
        if quote is not None:
            result.append(quote)
    return result


async def movers(symbols: list[str], top: int = 10) -> list[dict[str, Any]]:
    try:
        current = await get_quotes(symbols)
    except RedisError:
        log.warning("redis unavailable for movers; using in-process prices")
        current = {s: q for s in symbols if (q := _local_quotes.get(s)) is not None}
    opens = await get_redis().hmget("session:open", symbols) if current else []
    changes = []
    for symbol, open_raw in zip(symbols, opens):
        quote = current.get(symbol)
        if quote is None or open_raw is None:
            continue
        open_price = Decimal(open_raw)
        if open_price == 0:
            continue
        changes.append({"symbol": symbol, "change_pct": float((quote.last - open_price) / open_price * 100)})
    return sorted(changes, key=lambda c: abs(c["change_pct"]), reverse=True)[:top]
