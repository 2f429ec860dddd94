"""Business logic on top of the partner clients."""
from shop.clients import KycClient


class OnboardingService:
    def __init__(self, kyc: KycClient) -> None:
        self._kyc = kyc

    async def onboard(self, customer_id: int, name: str) -> dict:
        check_id = await self._kyc.submit(customer_id, name)  # expect: no-circuit-breaker
        return {"customer": customer_id, "check": check_id}
