"""Exports service."""
from fastapi import FastAPI

from exports.usage import router

app = FastAPI()
app.include_router(router)
