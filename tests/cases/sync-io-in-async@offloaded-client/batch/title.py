"""Wrapper around the title company's synchronous SDK."""
from __future__ import annotations

import closingdesk



class TitleGateway:
    def __init__(self, token: str) -> None:
        self._sdk = closingdesk.Client(token=token, timeout=20)

    def open_order(self, loan_number: str) -> str:
        return self._sdk.orders.create(loan_number=loan_number).reference

    def available_slots(self, company_id: str) -> list[str]:
        return [s.start for s in self._sdk.calendar.slots(company=company_id)]

    def label(self, company_id: str) -> str:
        return company_id.upper()
