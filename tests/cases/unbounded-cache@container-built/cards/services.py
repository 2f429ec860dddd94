"""Card services."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CardMeta:
    card_id: str
    network: str


class CardService:
    def __init__(self, issuer: Any) -> None:
        self._issuer = issuer
        self._card_meta: dict[str, CardMeta] = {}  # expect: unbounded-cache

    async def card_meta(self, card_id: str) -> CardMeta:
        meta = self._card_meta.get(card_id)
        if meta is None:
            body = await self._issuer.get_card(card_id)
            meta = CardMeta(card_id, body["network"])
            self._card_meta[card_id] = meta
        return meta


class Receipt:
    def __init__(self, issuer: Any) -> None:
        self._issuer = issuer
        self._lines: dict[str, str] = {}

    async def line(self, card_id: str) -> str:
        text = self._lines.get(card_id)
        if text is None:
            text = str(await self._issuer.get_card(card_id))
            self._lines[card_id] = text
        return text

    def render(self) -> str:
        return "\n".join(self._lines.values())


def _parse_fee(body: dict) -> int:
    return int(body["fee"])


class FeeService:
    def __init__(self, issuer: Any) -> None:
        self._issuer = issuer
        self._fees: dict[str, int] = {}  # expect: unbounded-cache

    async def fee(self, network: str) -> int:
        fee = self._fees.get(network)
        if fee is None:
            body = await self._issuer.get_fee(network)
            fee = _parse_fee(body)
            self._fees[network] = fee
        return fee


class FeeWorker:
    def __init__(self, fees: FeeService) -> None:
        self._fees = fees
