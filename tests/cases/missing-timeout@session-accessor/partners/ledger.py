import aiohttp


class LedgerClient:
    """Posts journal entries to the ledger service; the session is opened on first use."""

    def __init__(self, base_url: str, token: str) -> None:
        self._base_url = base_url
        self._token = token
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(  # expect: missing-timeout
                base_url=self._base_url,
                headers={"Authorization": f"Bearer {self._token}"},
            )
        return self._session

    async def post_entry(self, entry: dict) -> str:
        session = self._open()
        async with session.post("/entries", json=entry) as resp:
            resp.raise_for_status()
            return (await resp.json())["id"]


class RatesClient:
    """The same lazy shape, with a total limit set where the session is made."""

    def __init__(self, base_url: str) -> None:
        self._base_url = base_url
        self._session: aiohttp.ClientSession | None = None

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                base_url=self._base_url,
                timeout=aiohttp.ClientTimeout(total=10, connect=3),
            )
        return self._session

    async def rate(self, pair: str) -> float:
        session = self._open()
        async with session.get(f"/rates/{pair}") as resp:
            resp.raise_for_status()
            return float((await resp.json())["rate"])
