from __future__ import annotations

import csv
import io
import logging
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from svc.services import surcharges
from svc.services.carrier_gateway import CarrierGateway, RateOffer

logger = logging.getLogger(__name__)

_NOISE_TOKENS = frozenset({"n/a", "na", "-", "none", "unknown", "tbd"})

# ISO country -> pricing zone for contract rates. Anything not listed is WORLD.
ZONE_BY_COUNTRY = {
    "DE": "DOM",
    "AT": "EU1", "BE": "EU1", "DK": "EU1", "FR": "EU1", "LU": "EU1", "NL": "EU1", "PL": "EU1", "CZ": "EU1",
    "ES": "EU2", "IT": "EU2", "PT": "EU2", "SE": "EU2", "FI": "EU2", "IE": "EU2", "HU": "EU2", "SK": "EU2",
    "CH": "EUX", "NO": "EUX", "GB": "EUX",
}


class NoRateAvailable(LookupError):
    pass


@dataclass(slots=True, frozen=True)
class QuoteRequest:
    origin_country: str
    origin_postcode: str
    destination_country: str
    destination_postcode: str
    destination_address: str
    weight_grams: int
    declared_value_cents: int = 0
    parcels: int = 1


@dataclass(slots=True, frozen=True)
class Quote:
    carrier_code: str
    service_code: str
    base_cents: int
    surcharges: tuple[tuple[str, int], ...]
    total_cents: int
    currency: str
    transit_days: int
    source: str


def round_half_up(value: Decimal) -> int:
    return int(value.quantize(Decimal("1"), rounding=ROUND_HALF_UP))


class RateCard:
    """Contract prices per zone and weight bracket, in cents."""

    def __init__(self, zones: dict[str, list[tuple[int, int]]], currency: str) -> None:
        self._zones = zones
        self.currency = currency

    @classmethod
    def from_csv_text(cls, text: str, currency: str = "EUR") -> RateCard:
        zones: dict[str, list[tuple[int, int]]] = {}
        for lineno, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                zone = row["zone"].strip().upper()
                max_grams = int(row["max_grams"])
                price = round_half_up(Decimal(row["price"].strip()) * 100)
            except (KeyError, ValueError, ArithmeticError) as exc:
                raise ValueError(f"rate card line {lineno}: {exc}") from exc
            zones.setdefault(zone, []).append((max_grams, price))
        for brackets in zones.values():
            brackets.sort()
        return cls(zones, currency)

    @property
    def zone_count(self) -> int:
        return len(self._zones)

    @property
    def bracket_count(self) -> int:
        return sum(len(b) for b in self._zones.values())

    def price_for(self, zone: str, weight_grams: int) -> int | None:
        for max_grams, price in self._zones.get(zone, ()):
            if weight_grams <= max_grams:
                return price
        return None


def load_rate_card(path: str, currency: str = "EUR") -> RateCard:
    with open(path, encoding="utf-8") as fh:
        return RateCard.from_csv_text(fh.read(), currency)


class PricingService:
    def __init__(self, gateway: CarrierGateway, rate_card: RateCard | None = None) -> None:
        self._gateway = gateway
        self._rate_card = rate_card
        self._zone_cache: dict[str, str] = {}

    def set_rate_card(self, card: RateCard) -> None:
        logger.info("rate card loaded: %d zones, %d brackets", card.zone_count, card.bracket_count)
        self._rate_card = card

    def zone_for(self, req: QuoteRequest) -> str:
        key = _canonical_address(req.destination_address, req.destination_country)
        zone = self._zone_cache.get(key)
        if zone is None:
            zone = ZONE_BY_COUNTRY.get(req.destination_country.upper(), "WORLD")
            if zone == "DOM" and req.destination_postcode.startswith(("18565", "25938", "26548")):
                zone = "DOM_ISLAND"
            self._zone_cache[key] = zone
        return zone

    def _contract_offer(self, req: QuoteRequest, carrier_code: str, service_code: str) -> RateOffer | None:
        if self._rate_card is None:
            return None
        price = self._rate_card.price_for(self.zone_for(req), req.weight_grams)
        if price is None:
            return None
        return RateOffer(
            carrier_code=carrier_code,
            service_code=service_code,
            amount_cents=price * max(req.parcels, 1),
            currency=self._rate_card.currency,
            transit_days=5,
        )

    async def quote_for(self, req: QuoteRequest, carrier_code: str, service_code: str) -> Quote:
        offers = await self._gateway.fetch_rates(
            carrier_code,
            req.origin_country,
            req.origin_postcode,
            req.destination_country,
            req.destination_postcode,
            req.weight_grams,
        )
        offer = next((o for o in offers if o.service_code == service_code), None)
        source = "carrier"
        if offer is None:
            offer = self._contract_offer(req, carrier_code, service_code)
            source = "contract"
        if offer is None:
            raise NoRateAvailable(
                f"no {carrier_code}/{service_code} rate to {req.destination_country} "
                f"for {req.weight_grams} g"
            )
        extras = tuple(surcharges.compute(req, offer.amount_cents, carrier_code))
        total = offer.amount_cents + sum(amount for _, amount in extras)
        return Quote(
            carrier_code=carrier_code,
            service_code=service_code,
            base_cents=offer.amount_cents,
            surcharges=extras,
            total_cents=total,
            currency=offer.currency,
            transit_days=offer.transit_days,
            source=source,
        )


def _canonical_address(address: str, country: str) -> str:
    text = unicodedata.normalize("NFKC", address)
    text = text.replace("\n", ", ").replace("\t", " ")
    parts: list[str] = []
    for raw in text.split(","):
        part = " ".join(raw.split())
        part = part.strip(" .;")
        if not part or part.lower() in _NOISE_TOKENS:
            continue
        parts.append(part.title() if part.isupper() else part)
    if country:
        country = country.strip().upper()
        if parts and parts[-1].upper() == country:
            parts.pop()
        parts.append(country)
    return ", ".join(parts)
