"""Billing portal."""
from fastapi import FastAPI

from billing.live import router

app = FastAPI()
app.include_router(router)
