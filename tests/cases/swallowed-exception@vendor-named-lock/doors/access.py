from doors.vendor import LockNotAcquired, LockVendor, LockVendorError


class Access:
    def __init__(self, vendor: LockVendor) -> None:
        self.vendor = vendor

    async def cancel(self, grant_ids: list[str]) -> None:
        for grant_id in grant_ids:
            try:
                await self.vendor.revoke(grant_id)
            except LockVendorError:  # expect: swallowed-exception
                pass

    async def sync(self, site: str) -> None:
        try:
            await self.vendor.claim_sync(site)
        except LockNotAcquired:
            pass
