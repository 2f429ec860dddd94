from fastapi import FastAPI

from fleet import ops, store

app = FastAPI()
app.include_router(ops.router)


@app.get("/vehicles/count")
async def vehicles() -> dict[str, int]:
    return {"count": await store.vehicle_count()}
