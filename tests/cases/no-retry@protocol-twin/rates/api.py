from typing import Protocol


class RateSource(Protocol):
    async def daily_rates(self, day: str) -> dict: ...


class ShippingQuotes(Protocol):
    async def quote(self, parcel: dict) -> dict: ...
