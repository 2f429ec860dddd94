import asyncio

from chat.clients import FlagClient, HookClient


class MessageService:
    def __init__(self, flags: FlagClient, hooks: HookClient) -> None:
        self._flags = flags
        self._hooks = hooks

    async def post(self, workspace_id: int, body: str) -> dict:
        threads = await self._flags.enabled(workspace_id, "threads_v2")  # expect: no-fallback
        asyncio.create_task(self._fan_out(body))  # the request does not wait for the deliveries
        return {"body": body, "threads": threads}

    async def _fan_out(self, body: str) -> None:
        await self._hooks.deliver("https://hooks.example.com/in", {"text": body})
