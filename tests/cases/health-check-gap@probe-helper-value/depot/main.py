from fastapi import FastAPI

from depot import health, stores

app = FastAPI()
app.include_router(health.router)


@app.get("/stock/{sku}")
async def stock(sku: str) -> dict[str, int]:
    return {"qty": await stores.stock_level(sku)}
