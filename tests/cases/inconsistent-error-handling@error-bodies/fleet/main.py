from fastapi import FastAPI

from fleet.routes import drivers, vehicles

app = FastAPI()
app.include_router(drivers.router)
app.include_router(vehicles.router)
