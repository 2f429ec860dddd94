"""Support-desk goodwill: adds credits straight to the row."""
from credits import repo


class GoodwillDesk:
    async def compensate(self, tenant_id: int, amount: int) -> None:
        await repo.add_credits(tenant_id, amount)
