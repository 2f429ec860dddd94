from fastapi import FastAPI

from chat.clients import FlagClient, HookClient
from chat.service import MessageService

app = FastAPI()
flags = FlagClient()
hooks = HookClient()


def _service() -> MessageService:
    return MessageService(flags, hooks)


@app.post("/messages")
async def post_message(workspace_id: int, body: str) -> dict:
    return await _service().post(workspace_id, body)
