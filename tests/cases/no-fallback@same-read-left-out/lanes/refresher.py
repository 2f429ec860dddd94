"""Background refresh of the busiest lane: it feeds the data the fallback serves, so a failed read
ends the round (its loop logs it and tries again later) and is no request's missing fallback."""
import asyncio
import logging

from lanes.rates import RatesClient

log = logging.getLogger(__name__)
LAST: dict[str, dict] = {}


async def refresh_once(rates: RatesClient) -> None:
    LAST["CHI-NYC"] = await rates.lane_rate("CHI", "NYC")


async def refresh_forever(rates: RatesClient) -> None:
    while True:
        try:
            await refresh_once(rates)
        except Exception:
            log.exception("lane refresh failed")
        await asyncio.sleep(60)
