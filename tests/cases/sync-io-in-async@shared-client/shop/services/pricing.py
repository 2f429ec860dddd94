"""Prices and taxes of a cart."""
from shop.clients.tax import RatesClient, TaxClient


def _tax_for(tax: TaxClient, amount: int, region: str) -> int:
    return tax.quote(amount, region)


def price_cart(lines: list[tuple[int, int]], region: str, tax: TaxClient) -> int:
    subtotal = sum(price * qty for price, qty in lines)
    return subtotal + _tax_for(tax, subtotal, region)


def refund_tax(amount: int, region: str, tax: TaxClient) -> int:
    return _tax_for(tax, amount, region)


def regional_rate(region: str, rates: RatesClient) -> float:
    return rates.rate(region)
