"""A background job that reads everything from the provider and settles finished matches."""
from scores.provider import ResultsClient


class Settler:
    def __init__(self, client: ResultsClient) -> None:
        self._client = client

    async def run_once(self, day: str, league: str) -> list[dict]:
        settled = []
        table = await self._client.standings(league)
        for fixture in await self._client.fixtures(day):
            events = await self._client.incidents(fixture["id"])
            if events and events[-1]["type"] == "full_time":
                settled.append({"result": await self._client.final_result(fixture["id"]), "table": len(table)})
        return settled
