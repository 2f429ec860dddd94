"""Door commands, grant summaries and journal postings."""
from doors.clients import ControllerClient, GrantsClient


class DoorService:
    def __init__(self, controllers: ControllerClient, states: dict[int, str]) -> None:
        self._controllers = controllers
        self._states = states

    async def unlock(self, door: dict) -> None:
        await self._controllers.send_command(door["serial"], door["channel"], "PULSE")

    async def status(self, door: dict) -> dict:
        if door["transport"] == "mqtt":
            return {"door": door["id"], "state": self._states.get(door["id"], "unknown")}
        status = await self._controllers.door_status(door["serial"], door["channel"])  # expect: no-fallback
        return {"door": door["id"], "state": status.get("state", "unknown")}


class BillingService:
    def __init__(self, grants: GrantsClient) -> None:
        self._grants = grants

    async def post(self, reference: str, lines: list[dict]) -> str:
        return await self._grants.post_journal(reference, lines)

    async def summary(self, code: str) -> dict:
        account = await self._grants.account(code)
        return {"grant": code, "remaining": account["remaining_cents"]}
