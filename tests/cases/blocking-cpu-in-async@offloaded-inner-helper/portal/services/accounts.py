"""Accounts: setting a password offloads the derivation, checking one forgets to.

The helper that derives is run in threads by name, the one that checks is not: the finding is
cited at the unoffloaded call (where the offload goes), with the derivation as a related location."""
import asyncio

from portal.services.passwords import check, derive


class Accounts:
    def __init__(self) -> None:
        self._hashes: dict[str, tuple[bytes, bytes]] = {}

    async def set_password(self, user: str, password: str) -> None:
        self._hashes[user] = await asyncio.to_thread(derive, password)

    async def login(self, user: str, password: str) -> bool:
        digest, salt = self._hashes[user]
        return check(password, salt, digest)  # expect: blocking-cpu-in-async
