from __future__ import annotations

import logging
import threading
import time
from datetime import date
from decimal import Decimal

from procurement.clients.fx_client import CircuitOpenError, FXProviderError, fx_client
from procurement.config import get_settings
from procurement.utils.money import quantize

log = logging.getLogger(__name__)

FRESH_SECONDS = 300
STALE_LIMIT_SECONDS = 6 * 3600

# Keyed by base currency only: a handful of entries at most.
_rates: dict[str, tuple[float, dict[str, Decimal]]] = {}
_refresh_guard = threading.Lock()


class ConversionUnavailable(RuntimeError):
    pass


async def _refresh(base: str) -> dict[str, Decimal]:
    with _refresh_guard:
        rates = await fx_client.latest(base)
        _rates[base] = (time.monotonic(), rates)
    return rates


async def rates_for(base: str) -> dict[str, Decimal]:
    cached = _rates.get(base)
    if cached and time.monotonic() - cached[0] < FRESH_SECONDS:
        return cached[1]
    try:
        return await _refresh(base)
    except (FXProviderError, CircuitOpenError) as exc:
        if cached and time.monotonic() - cached[0] < STALE_LIMIT_SECONDS:
            log.warning("fx provider unavailable, serving rates for %s from %.0fs ago", base, time.monotonic() - cached[0])
            return cached[1]
        raise ConversionUnavailable(f"no usable rates for {base}") from exc


async def convert(amount: Decimal, from_ccy: str, to_ccy: str) -> Decimal:
    if from_ccy == to_ccy:
        return amount
    rates = await rates_for(to_ccy)
    try:
        rate = rates[from_ccy]
    except KeyError as exc:
        raise ConversionUnavailable(f"no rate {from_ccy}->{to_ccy}") from exc
    return quantize(amount / rate, to_ccy)


async def convert_on(amount: Decimal, from_ccy: str, to_ccy: str, on: date) -> Decimal:
    if from_ccy == to_ccy:
        return amount
    rates = await fx_client.historical(to_ccy, on.isoformat())
    return quantize(amount / rates[from_ccy], to_ccy)


async def to_base(amount: Decimal, currency: str) -> Decimal:
    return await convert(amount, currency, get_settings().base_currency)
