from fastapi import FastAPI

from grid.dispatch import assign_crew, send_truck
from grid.outages import open_outage, reroute

app = FastAPI()


@app.post("/outages/{feeder}")
async def outage(feeder: int, crew: int, truck: int) -> None:
    await open_outage(feeder, crew)
    await reroute(feeder, truck)


@app.post("/dispatch/{feeder}")
async def dispatch(feeder: int, crew: int, truck: int) -> None:
    await assign_crew(feeder, crew)
    await send_truck(feeder, truck)
