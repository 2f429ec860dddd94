from decimal import Decimal

import pytest

from app.services.risk import (
    check_order_limits,
    compute_notional,
    concentration_breaches,
    max_drawdown,
    position_concentration,
    round_to_tick,
)


def test_compute_notional_rounds_to_cents():
    assert compute_notional(Decimal("3"), Decimal("10.005")) == Decimal("30.02")


def test_round_to_tick():
    assert round_to_tick(Decimal("101.237"), Decimal("0.05")) == Decimal("101.25")


def test_round_to_tick_rejects_zero_tick():
    with pytest.raises(ValueError):
        round_to_tick(Decimal("1"), Decimal("0"))


def test_buy_within_cash_is_approved():
    decision = check_order_limits("buy", Decimal("10"), Decimal("100"), Decimal("5000"))
    assert decision.approved
    assert decision.reasons == ()


def test_buy_without_enough_cash_is_rejected():
    decision = check_order_limits("buy", Decimal("100"), Decimal("100"), Decimal("5000"))
    assert not decision.approved
    assert any("insufficient cash" in reason for reason in decision.reasons)


def test_sell_does_not_need_cash():
    decision = check_order_limits("sell", Decimal("100"), Decimal("100"), Decimal("0"))
    assert decision.approved


def test_missing_price_is_rejected():
    decision = check_order_limits("buy", Decimal("1"), None, Decimal("1000"))
    assert not decision.approved


def test_notional_limit():
    decision = check_order_limits(
        "sell", Decimal("10"), Decimal("100"), Decimal("0"), max_notional=Decimal("500")
    )
    assert not decision.approved


def test_position_concentration_sums_to_one():
    shares = position_concentration({"AAPL": Decimal("300"), "MSFT": Decimal("-100")})
    assert shares == {"AAPL": Decimal("0.7500"), "MSFT": Decimal("0.2500")}


def test_position_concentration_empty_book():
    assert position_concentration({"AAPL": Decimal("0")}) == {"AAPL": Decimal("0")}


def test_concentration_breaches():
    values = {"AAPL": Decimal("800"), "MSFT": Decimal("100"), "NVDA": Decimal("100")}
    assert concentration_breaches(values, threshold=0.5) == ["AAPL"]


@pytest.mark.parametrize(
    "curve, expected",
    [
        ([Decimal("100"), Decimal("120"), Decimal("90"), Decimal("130")], Decimal("0.25")),
        ([Decimal("100"), Decimal("101"), Decimal("102")], Decimal("0")),
        ([], Decimal("0")),
    ],
)
def test_max_drawdown(curve, expected):
    assert max_drawdown(curve) == expected
