import httpx


class BankError(Exception):
    pass


class Bank:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def settle(self, owner: str, cents: int) -> str:
        try:
            resp = await self._client.post("/settlements", json={"owner": owner, "cents": cents})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise BankError(str(exc)) from exc
        return resp.json()["id"]
