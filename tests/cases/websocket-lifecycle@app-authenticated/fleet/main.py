from fastapi import FastAPI

from .api import records
from .ws import tracking, trips

app = FastAPI()
app.include_router(records.router)
app.include_router(tracking.router)
app.include_router(trips.router)
