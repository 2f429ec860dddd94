"""Helpdesk API: suggestions and a presence sweeper."""
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from helpdesk.hub import Hub
from helpdesk.llm import LlmClient
from helpdesk.suggestions import SuggestionService
from helpdesk.sweeper import IdleSweeper


@asynccontextmanager
async def lifespan(app: FastAPI):
    llm = LlmClient("https://llm.example.com")
    hub = Hub()
    app.state.hub = hub
    app.state.suggestions = SuggestionService(llm)
    app.state.sweeper = IdleSweeper(hub)
    yield
    await llm.close()


app = FastAPI(lifespan=lifespan)


@app.post("/tickets/{ticket_id}/suggestion")
async def suggestion(ticket_id: int, prompt: str, request: Request) -> dict[str, str]:
    service: SuggestionService = request.app.state.suggestions
    first = await service.suggest(ticket_id, prompt)
    second = await service.suggest_per_ticket(ticket_id, prompt)
    third = await service.suggest_counted(prompt)
    return {"reply": first or second or third}


@app.post("/connections/{user_id}")
async def connect(user_id: int, conn: str, request: Request) -> dict[str, int]:
    hub: Hub = request.app.state.hub
    await hub.register(user_id, conn)
    sweeper: IdleSweeper = request.app.state.sweeper
    return {"closed": await sweeper.sweep_once() + await sweeper.sweep_in_order()}
