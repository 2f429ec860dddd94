from __future__ import annotations

import aiohttp
import httpx

from tours.clients import CardGateway, CurrencyApi, OperatorApi
from tours.errors import HoldFailed, PaymentFailed


class PaymentService:
    def __init__(self, fx: CurrencyApi, cards: CardGateway) -> None:
        self._fx = fx
        self._cards = cards

    async def charge(self, price: int, tour_currency: str, card_currency: str, token: str) -> str:
        # the conversion is outside the try: only the gateway's failure becomes PaymentFailed
        amount = await self._fx.convert(price, tour_currency, card_currency)  # expect: no-fallback
        try:
            return await self._cards.authorise(amount, card_currency, token)
        except httpx.HTTPError as exc:
            raise PaymentFailed("gateway unavailable") from exc


class SeatService:
    def __init__(self, operator: OperatorApi) -> None:
        self._operator = operator

    async def reserve(self, tour_id: int, seats: int) -> str:
        left = await self._operator.seats_left(tour_id)  # expect: no-fallback
        if left < seats:
            raise HoldFailed("sold out")
        try:
            return await self._operator.hold(tour_id, seats)
        except aiohttp.ClientError as exc:
            raise HoldFailed("operator unavailable") from exc

    async def reserve_guarded(self, tour_id: int, seats: int) -> str:
        try:
            if await self._operator.seats_left(tour_id) < seats:
                raise HoldFailed("sold out")
            return await self._operator.hold(tour_id, seats)
        except aiohttp.ClientError as exc:
            raise HoldFailed("operator unavailable") from exc
