from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from wizard.service import Quotas, SignupService


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.signup = SignupService()
    app.state.quotas = Quotas()
    yield


app = FastAPI(lifespan=lifespan)


@app.post("/signup/{token}")
async def start(token: str, email: str, plan: str, request: Request) -> None:
    await request.app.state.signup.start(token, email, plan)


@app.post("/signup/{token}/finish")
async def finish(token: str, request: Request) -> dict:
    service: SignupService = request.app.state.signup
    return await service.finish(token)


@app.post("/quota")
async def quota(items: list[str], request: Request) -> int:
    quotas: Quotas = request.app.state.quotas
    return await quotas.total(items)
