from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.routes import orders, webhooks
from app.ws import prices


class OrderRejected(Exception):
    pass


app = FastAPI()
app.include_router(orders.router)
app.include_router(webhooks.router)
app.include_router(prices.router)


@app.exception_handler(OrderRejected)
async def rejected(request: Request, exc: OrderRejected) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=409)
