from fastapi import FastAPI

from shop import db, probes

app = FastAPI()
app.include_router(probes.router)


@app.get("/orders/count")
async def orders_count() -> dict[str, int]:
    async with db.Session() as session:
        return {"count": await db.order_count(session)}
