from decimal import Decimal

import pytest
from pydantic import ValidationError

from app.models import OrderCreate
from app.services.order_service import estimate_fees, reference_price


def test_minimum_fee_applies_to_small_tickets():
    assert estimate_fees(Decimal("100")) == Decimal("1.00")


def test_fee_scales_with_notional():
    assert estimate_fees(Decimal("100000")) == Decimal("50.00")


def test_reference_price_uses_limit_for_limit_orders():
    assert reference_price("limit", Decimal("10"), Decimal("12")) == Decimal("10")


def test_reference_price_adds_buffer_for_market_orders():
    assert reference_price("market", None, Decimal("100")) == Decimal("102.00000000")


def test_reference_price_without_market_data():
    assert reference_price("market", None, None) is None


def test_order_symbol_is_normalised():
    order = OrderCreate(symbol=" aapl ", side="buy", quantity=Decimal("1"))
    assert order.symbol == "AAPL"


def test_limit_order_requires_price():
    with pytest.raises(ValidationError):
        OrderCreate(symbol="AAPL", side="buy", order_type="limit", quantity=Decimal("1"))


def test_market_order_rejects_price():
    with pytest.raises(ValidationError):
        OrderCreate(
            symbol="AAPL", side="sell", quantity=Decimal("1"), limit_price=Decimal("10")
        )


def test_quantity_must_be_positive():
    with pytest.raises(ValidationError):
        OrderCreate(symbol="AAPL", side="buy", quantity=Decimal("0"))
