import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from chat.service import MessageService

engine = create_async_engine("postgresql+asyncpg://chat@db/chat", pool_size=5)
SessionLocal = async_sessionmaker(engine)
http = httpx.AsyncClient(timeout=5.0)
app = FastAPI()


@app.post("/workspaces/{workspace_id}/messages")
async def post_message(workspace_id: int, body: str) -> dict:
    async with SessionLocal() as session:
        return await MessageService(session, http).post(workspace_id, body)


@app.get("/debug/echo")
async def echo(text: str) -> dict:
    print(f"echo {text}")  # expect: logging-gap
    return {"text": text}
