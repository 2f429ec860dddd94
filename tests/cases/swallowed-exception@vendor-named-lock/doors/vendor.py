import httpx


class LockVendorError(Exception):
    """The door-lock vendor's API failed."""


class LockNotAcquired(Exception):
    """Another worker holds the sync lock."""


class LockVendor:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def revoke(self, grant_id: str) -> None:
        try:
            resp = await self._client.delete(f"/grants/{grant_id}")
        except httpx.HTTPError as exc:
            raise LockVendorError(str(exc)) from exc
        if resp.status_code >= 400:
            raise LockVendorError(f"vendor returned {resp.status_code}")

    async def claim_sync(self, site: str) -> None:
        resp = await self._client.post(f"/sites/{site}/sync-lock")
        if resp.status_code == 409:
            raise LockNotAcquired(site)
        if resp.status_code >= 400:
            raise LockVendorError(f"vendor returned {resp.status_code}")
