"""Fan-out of order and price updates to connected sockets."""
from collections import defaultdict

from fastapi import WebSocket


class Hub:
    def __init__(self) -> None:
        self.orders: defaultdict[int, set[WebSocket]] = defaultdict(set)
        self.accounts: defaultdict[int, set[WebSocket]] = defaultdict(set)
        self.prices: set[WebSocket] = set()

    def attach_order(self, order_id: int, ws: WebSocket) -> None:
        self.orders[order_id].add(ws)

    def detach_order(self, order_id: int, ws: WebSocket) -> None:
        self.orders[order_id].discard(ws)

    def attach_account(self, account_id: int, ws: WebSocket) -> None:
        self.accounts[account_id].add(ws)

    def detach_account(self, account_id: int, ws: WebSocket) -> None:
        self.accounts[account_id].discard(ws)

    def attach_prices(self, ws: WebSocket) -> None:
        self.prices.add(ws)

    def detach_prices(self, ws: WebSocket) -> None:
        self.prices.discard(ws)


hub = Hub()
