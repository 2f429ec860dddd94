from fastapi import FastAPI

from watch import services

app = FastAPI()
repo = object()


@app.post("/products/{product_id}/watchers/{user_id}")
async def watch(product_id: int, user_id: int) -> None:
    await services.track(product_id, user_id, repo)


@app.post("/products/{product_id}/notify/{user_id}")
async def notify(product_id: int, user_id: int) -> None:
    await services.notify(product_id, user_id, repo)
