from __future__ import annotations

from decimal import Decimal

from svc.services import pricing

FUEL_SURCHARGE = {
    "dhl": Decimal("0.165"),
    "ups": Decimal("0.180"),
    "gls": Decimal("0.120"),
    "dpd": Decimal("0.135"),
}

REMOTE_POSTCODE_PREFIXES = {
    "DE": ("18565", "25849", "25859", "25863", "25869", "25938", "25946", "26465", "26474", "26548", "27498"),
    "GB": ("BT", "HS", "IV", "KW", "PA", "PH", "ZE"),
    "DK": ("3700", "3710", "3720", "3730", "3740", "3751", "3760", "3770", "3782", "3790"),
}

OVERWEIGHT_THRESHOLD_G = 31_500
OVERWEIGHT_FEE_CENTS = 2_500
REMOTE_AREA_FEE_CENTS = 1_450
INSURED_FREE_UP_TO_CENTS = 50_000
INSURANCE_RATE = Decimal("0.006")
INSURANCE_MIN_CENTS = 150


def compute(req: pricing.QuoteRequest, base_cents: int, carrier_code: str) -> list[tuple[str, int]]:
    lines: list[tuple[str, int]] = []

    fuel = FUEL_SURCHARGE.get(carrier_code)
    if fuel:
        lines.append(("fuel", pricing.round_half_up(Decimal(base_cents) * fuel)))

    prefixes = REMOTE_POSTCODE_PREFIXES.get(req.destination_country.upper(), ())
    postcode = req.destination_postcode.replace(" ", "").upper()
    if prefixes and postcode.startswith(prefixes):
        lines.append(("remote_area", REMOTE_AREA_FEE_CENTS))

    if req.weight_grams > OVERWEIGHT_THRESHOLD_G:
        lines.append(("overweight", OVERWEIGHT_FEE_CENTS * req.parcels))

    if req.declared_value_cents > INSURED_FREE_UP_TO_CENTS:
        excess = Decimal(req.declared_value_cents - INSURED_FREE_UP_TO_CENTS)
        lines.append(("insurance", max(pricing.round_half_up(excess * INSURANCE_RATE), INSURANCE_MIN_CENTS)))

    return lines
