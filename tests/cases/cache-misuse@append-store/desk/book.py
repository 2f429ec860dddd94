"""Per-market order state of one trading session, and a fills lookup in front of the broker."""
from __future__ import annotations


class SessionOrders:
    """The session's own orders: every order placed is added here, nothing is loaded."""

    def __init__(self) -> None:
        self.placed: dict[str, list] = {}
        self.open: dict[str, list] = {}

    def start_market(self, venue: str, market: str) -> None:
        key = f"{venue}:{market}"
        self.placed[key] = []
        self.open[key] = []

    def record(self, order) -> None:
        key = f"{order.venue}:{order.market}"
        self.placed[key].append(order)
        self.open[key].append(order)

    def close(self, order) -> None:
        key = f"{order.venue}:{order.market}"
        self.open[key] = [o for o in self.open[key] if o.id != order.id]

    def placed_orders(self, venue: str, market: str) -> list:
        return self.placed.get(f"{venue}:{market}", [])

    def open_orders(self, venue: str, market: str) -> list:
        return self.open.get(f"{venue}:{market}", [])


class FillHistory:
    """Broker fills per market, fetched once and then extended by live fills."""

    def __init__(self, broker) -> None:
        self.broker = broker
        self.fills: dict[str, list] = {}

    async def fills_for(self, market: str) -> list:
        if market not in self.fills:
            self.fills[market] = await self.broker.fetch_fills(market)
        return self.fills[market]  # expect: cache-misuse

    def on_fill(self, market: str, fill) -> None:
        self.fills[market].append(fill)
