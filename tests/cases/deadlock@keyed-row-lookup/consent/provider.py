"""E-signature provider client (aiohttp, 10 s total timeout)."""
import aiohttp


class SignatureClient:
    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(base_url="https://esign.example.com",
                                              timeout=aiohttp.ClientTimeout(total=10))
        self._token = ""
        self._expires = 0.0

    async def close(self) -> None:
        await self._session.close()

    async def create_envelope(self, reference: str, email: str) -> str:
        async with self._session.post("/v1/envelopes", json={"reference": reference, "email": email}) as resp:
            return str((await resp.json())["envelope_id"])

    async def fetch_token(self) -> str:
        async with self._session.post("/oauth/token") as resp:
            return str((await resp.json())["access_token"])
