import httpx


class GatewayError(Exception):
    pass


class Gateway:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def payout(self, account: str, cents: int) -> str:
        try:
            resp = await self._client.post("/payouts", json={"account": account, "cents": cents})
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise GatewayError(str(exc)) from exc
        return resp.json()["id"]
