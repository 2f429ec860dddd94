"""Shop API: middleware registered by calling the decorator."""
from fastapi import FastAPI

from shop.middleware import BodyLimitMiddleware, error_envelope, logged_envelope

app = FastAPI()
app.middleware("http")(error_envelope)
app.add_middleware(BodyLimitMiddleware, limit=2_000_000)
admin = FastAPI()
admin.middleware("http")(logged_envelope)


@app.get("/products")
async def products() -> list[dict]:
    return [{"sku": "A-1"}]


@admin.get("/orders")
async def orders() -> list[dict]:
    return []
