from __future__ import annotations


def fmt_cents(cents: int, currency: str = "EUR") -> str:
    return f"{cents / 100:,.2f} {currency}"


def min_next_bid(current_cents: int, starting_cents: int, increment_cents: int) -> int:
    if current_cents == 0:
        return starting_cents
    # increments grow with price, mirroring the usual auction-house ladder
    if current_cents >= 1_000_000:
        increment_cents = max(increment_cents, 10_000)
    elif current_cents >= 100_000:
        increment_cents = max(increment_cents, 1_000)
    return current_cents + increment_cents


def seller_net(amount_cents: int, fee_bps: int = 850) -> int:
    fee = amount_cents * fee_bps // 10_000
    return amount_cents - fee


_SYMBOLS = {"EUR": "\u20ac", "GBP": "\u00a3", "USD": "$", "CHF": "CHF "}


def display_price(cents: int, currency: str) -> str:
    symbol = _SYMBOLS.get(currency.upper())
    whole, frac = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    if symbol is None:
        return f"{sign}{whole:,}.{frac:02d} {currency.upper()}"
    return f"{sign}{symbol}{whole:,}.{frac:02d}"
