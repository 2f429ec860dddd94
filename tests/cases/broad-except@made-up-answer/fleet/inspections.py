import httpx


class InspectionRegistry:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self._http = http

    async def verdict(self, plate: str) -> str:
        resp = await self._http.get(f"/inspections/{plate}")
        resp.raise_for_status()
        return resp.json()["verdict"]


async def roadworthy(registry: InspectionRegistry, plate: str) -> str:
    try:
        return await registry.verdict(plate)
    except Exception:  # expect: broad-except
        return "failed_inspection"


async def cached_verdict(registry: InspectionRegistry, plate: str) -> str | None:
    """Look-alike for this rule: an absent answer is the swallowed-exception rule's subject."""
    try:
        return await registry.verdict(plate)
    except httpx.HTTPError:
        return None
