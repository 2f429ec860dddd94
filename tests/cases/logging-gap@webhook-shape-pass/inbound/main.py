from fastapi import FastAPI

from inbound.api import router
from inbound.service import ShipmentEvents

app = FastAPI()
app.state.events = ShipmentEvents()
app.include_router(router)
