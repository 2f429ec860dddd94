from billing.client import PaymentClient


class BillingService:
    def __init__(self, client: PaymentClient) -> None:
        self._client = client

    async def charge(self, account: str, amount_cents: int) -> dict:
        return await self._client.charge(account, amount_cents, currency="EUR")  # expect: wrong-call

    async def refund(self, charge_id: str) -> dict:
        return await self._client.refund(charge_id, reason="customer")  # expect: wrong-call

    async def charge_twice(self, account: str, amount_cents: int) -> dict:
        return await self._client.charge(account, amount_cents=amount_cents)

    async def capture(self, charge_id: str) -> dict:
        return await self._client.capture(charge_id, key=f"capture:{charge_id}")
