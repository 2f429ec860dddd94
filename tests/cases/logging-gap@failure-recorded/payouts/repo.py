from payouts.db import execute, fetchrow


class PayoutRepo:
    async def set_status(self, payout_id: int, status: str, ref: str | None = None,
                         reason: str | None = None) -> None:
        await execute("UPDATE payouts SET status = $2, ref = $3, reason = $4 WHERE id = $1",
                      payout_id, status, ref, reason)

    async def find_by_ref(self, ref: str):
        return await fetchrow("SELECT id FROM payouts WHERE ref = $1", ref)
