import logging

from claims.client import Formulary

log = logging.getLogger(__name__)


class Rejected(Exception):
    pass


class Claims:
    def __init__(self, formulary: Formulary) -> None:
        self._formulary = formulary

    async def submit(self, drug: str, amount: int) -> dict:
        if amount <= 0:
            raise Rejected("nothing to claim")
        tier = await self._formulary.tier(drug)  # expect: no-fallback
        return {"drug": drug, "tier": tier, "amount": amount}

    async def resubmit(self, drug: str, amount: int) -> dict | None:
        # a business rejection is skipped here, not the formulary's failure: no fallback for it
        try:
            return await self.submit(drug, amount)
        except Rejected:
            log.info("claim for %s rejected", drug)
            return None
