from contextlib import asynccontextmanager

import asyncpg
from fastapi import Depends, FastAPI, HTTPException, Request, status
from fastapi.responses import JSONResponse

from app.store import Store


@asynccontextmanager
async def lifespan(app: FastAPI):
    pool = await asyncpg.create_pool("postgresql://app@db/app", command_timeout=30)
    app.state.store = Store(pool)
    yield
    await pool.close()


app = FastAPI(lifespan=lifespan)


def get_store(request: Request) -> Store:
    store = request.app.state.store
    if store is None:
        raise HTTPException(503, "starting up")
    return store


@app.exception_handler(ValueError)
async def value_error(request: Request, exc: ValueError) -> JSONResponse:  # expect: inconsistent-error-handling
    return JSONResponse({"detail": str(exc)}, status_code=400)


@app.get("/orders/{order_id}")
async def order(order_id: int, store: Store = Depends(get_store)) -> dict:
    return dict(await store.order(order_id))


@app.delete("/orders/{order_id}")
async def cancel(order_id: int, store: Store = Depends(get_store)) -> dict:
    try:
        await store.cancel(order_id)
    except ValueError as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    return {"cancelled": order_id}


@app.post("/orders/{order_id}/retry")
async def retry(order_id: int, store: Store = Depends(get_store)) -> dict:
    try:
        await store.cancel(order_id)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {"ok": True}


@app.get("/users/{user_id}")
async def user(user_id: int, store: Store = Depends(get_store)) -> dict:
    try:
        return dict(await store.user(user_id))
    except LookupError as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc
