"""Refund records."""


class RefundStore:
    def __init__(self) -> None:
        self._rows: dict[str, int] = {}

    async def record(self, refund_id: str, amount: int) -> None:
        self._rows[refund_id] = amount

    async def total(self, order_id: str) -> int:
        return sum(v for k, v in self._rows.items() if k.startswith(order_id))
