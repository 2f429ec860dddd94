from decimal import Decimal

from .clients import FxClient
from .repo import ContractorRepo


class PayoutService:
    def __init__(self, repo: ContractorRepo, fx: FxClient) -> None:
        self._repo = repo
        self._fx = fx

    async def payouts(self) -> list[tuple[int, Decimal]]:
        out = []
        for contractor in await self._repo.active():
            account = await self._repo.bank_account(contractor["id"])  # expect: n-plus-one
            card = await self._repo.rate_card(contractor["id"])
            gross = Decimal(contractor["hours"]) * card["hourly"]
            local = await self._fx.convert(gross, account["currency"])  # expect: n-plus-one
            out.append((contractor["id"], local))
        return out

    async def preview(self, rows: list[dict]) -> list[Decimal]:
        return await self._fx.convert_many([{"amount": r["gross"], "to": r["currency"]} for r in rows])
