from fastapi import FastAPI

from steady import services

app = FastAPI()
repo = object()


@app.post("/orders/{order_id}/courier/{courier_id}")
async def assign(order_id: int, courier_id: int) -> None:
    await services.assign(order_id, courier_id, repo)
    await services.unassign(order_id, courier_id, repo)


@app.post("/orders/{order_id}/archive")
async def archive(order_id: int) -> None:
    await services.archive(order_id, repo)
