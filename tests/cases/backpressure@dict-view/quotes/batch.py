"""Quoting a whole wave of parcels at once."""
from __future__ import annotations

import asyncio

from quotes.rates import RateClient

CARRIERS = {"ups": 1, "dhl": 2, "fedex": 3}


class WaveQuoter:
    def __init__(self, rates: RateClient) -> None:
        self._rates = rates

    async def quote_wave(self, parcel_weights: dict[int, int]) -> list[dict]:
        return await asyncio.gather(*(self._rates.quote(parcel_id, grams) for parcel_id, grams in parcel_weights.items()))  # expect: backpressure

    async def quote_parcels(self, parcel_weights: dict[int, int]) -> list[dict]:
        tasks = []
        for parcel_id in parcel_weights.keys():
            tasks.append(asyncio.create_task(self._rates.quote(parcel_id, parcel_weights[parcel_id])))
        return await asyncio.gather(*tasks)  # expect: backpressure

    async def quote_wave_limited(self, parcel_weights: dict[int, int]) -> list[dict]:
        return await asyncio.gather(
            *(self._rates.limited_quote(parcel_id, grams) for parcel_id, grams in parcel_weights.items())
        )

    async def quote_carriers(self, grams: int) -> list[dict]:
        return await asyncio.gather(*(self._rates.quote(code, grams) for code in CARRIERS.values()))
