from decimal import Decimal

from svc.services import surcharges
from svc.services.pricing import QuoteRequest, RateCard, round_half_up

RATE_CARD = """zone,max_grams,price
EU1,1000,5.90
EU1,5000,8.40
EU1,31500,14.90
DOM,1000,3.99
DOM,31500,6.49
"""


def _req(**overrides):
    base = dict(
        origin_country="DE",
        origin_postcode="10115",
        destination_country="DE",
        destination_postcode="80331",
        destination_address="Marienplatz 1, Muenchen",
        weight_grams=1200,
    )
    base.update(overrides)
    return QuoteRequest(**base)


def test_round_half_up():
    assert round_half_up(Decimal("2.5")) == 3
    assert round_half_up(Decimal("2.49")) == 2


def test_rate_card_brackets():
    card = RateCard.from_csv_text(RATE_CARD)
    assert card.zone_count == 2
    assert card.bracket_count == 5
    assert card.price_for("EU1", 800) == 590
    assert card.price_for("EU1", 1001) == 840
    assert card.price_for("EU1", 40_000) is None
    assert card.price_for("XX", 100) is None


def test_remote_area_and_fuel_surcharge():
    lines = dict(surcharges.compute(_req(destination_postcode="25938"), 1000, "dhl"))
    assert lines["fuel"] == 165
    assert lines["remote_area"] == surcharges.REMOTE_AREA_FEE_CENTS
    assert "insurance" not in lines
