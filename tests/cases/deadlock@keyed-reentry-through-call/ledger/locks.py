import asyncio


class AccountLocks:
    """One asyncio.Lock per account, created on first use."""

    def __init__(self) -> None:
        self._by_account: dict[str, asyncio.Lock] = {}

    def _lock(self, name: str) -> asyncio.Lock:
        found = self._by_account.get(name)
        if found is None:
            found = asyncio.Lock()
            self._by_account[name] = found
        return found

    def account(self, account_id: int) -> asyncio.Lock:
        return self._lock(f"account:{account_id}")
