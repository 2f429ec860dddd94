import asyncpg

from quotes.store import fetch_holder, fetch_policy


class PolicySummaries:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self._summaries: dict[int, dict] = {}  # expect: unbounded-cache

    async def summary(self, policy_id: int) -> dict:
        if policy_id in self._summaries:
            return self._summaries[policy_id]
        policy = await fetch_policy(self._pool, policy_id)
        holder = await fetch_holder(self._pool, policy["holder_id"])
        built = {
            "policy": policy["number"],
            "holder": holder["name"],
            "premium": str(policy["premium"]),
            "renewal": policy["renews_on"].isoformat(),
        }
        self._summaries[policy_id] = built
        return built


summaries: PolicySummaries | None = None


def init(pool: asyncpg.Pool) -> None:
    global summaries
    summaries = PolicySummaries(pool)
