from decimal import Decimal


class PriceBook:
    def __init__(self, prices) -> None:  # expect: missing-type-hints
        self._prices = dict(prices)

    def last(self, symbol: str) -> Decimal:
        return self._prices[symbol]

    def symbols(self):
        return sorted(self._prices)

    def __repr__(self):
        return f"PriceBook({len(self._prices)})"

    def _normalise(self, symbol):
        return symbol.upper()


def price_book() -> PriceBook:
    return PriceBook({"AAPL": Decimal("1")})


def spread(bid, ask: Decimal):
    def inner(x):
        return x

    return inner(ask - bid)
