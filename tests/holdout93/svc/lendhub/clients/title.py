"""Wrapper around the title company's synchronous SDK."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import closingdesk  # vendor SDK, blocking (requests under the hood)

from ..settings import Settings


class TitleGateway:
    def __init__(self, settings: Settings) -> None:
        self._sdk = closingdesk.Client(
            base_url=settings.title_api_url, token=settings.title_api_token, timeout=20
        )

    def open_order(self, loan_number: str, property_address: dict[str, Any]) -> str:
        order = self._sdk.orders.create(loan_number=loan_number, property=property_address)
        return order.reference

    def available_slots(self, title_company_id: str, day: datetime) -> list[datetime]:
        return [s.start for s in self._sdk.calendar.slots(company=title_company_id, date=day.date())]

    def book_slot(self, order_ref: str, start: datetime) -> bool:
        return self._sdk.calendar.book(order=order_ref, start=start).confirmed
