from fastapi import FastAPI

from app.routes import health, orders, reports

app = FastAPI()
app.include_router(orders.router)
app.include_router(health.router)
app.include_router(reports.router)
