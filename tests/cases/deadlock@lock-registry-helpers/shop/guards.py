"""Process-local locks handed out by a registry object."""
import asyncio


class Guards:
    def __init__(self) -> None:
        self.catalog = asyncio.Lock()
        self._by_user: dict[int, asyncio.Lock] = {}

    def for_user(self, user_id: int) -> asyncio.Lock:
        return self._by_user.setdefault(user_id, asyncio.Lock())


app_locks = Guards()
