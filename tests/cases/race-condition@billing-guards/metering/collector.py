"""Collects overdue invoices; a run can overlap with an admin-triggered one."""
from metering.credits import CreditRepository


class Invoice:
    id: int
    tenant_id: int
    amount: int

    def __init__(self, id: int, tenant_id: int, amount: int) -> None:
        self.id, self.tenant_id, self.amount = id, tenant_id, amount
        self.awaitable_attrs = self


class Collector:
    def __init__(self, credits: CreditRepository) -> None:
        self._credits = credits
        self._in_flight: set[int] = set()
        self._claimed: set[int] = set()

    async def run(self, invoices: list[Invoice]) -> int:
        done = 0
        for invoice in invoices:
            if invoice.id in self._in_flight:  # expect: race-condition
                continue
            lines = await invoice.awaitable_attrs.lines
            if not lines:
                continue
            self._in_flight.add(invoice.id)
            await self._credits.charge(invoice.tenant_id, invoice.amount)
            self._in_flight.discard(invoice.id)
            done += 1
        return done

    async def run_claiming_first(self, invoices: list[Invoice]) -> int:
        done = 0
        for invoice in invoices:
            if invoice.id in self._claimed:
                continue
            self._claimed.add(invoice.id)
            lines = await invoice.awaitable_attrs.lines
            if lines:
                await self._credits.charge(invoice.tenant_id, invoice.amount)
                done += 1
        return done
