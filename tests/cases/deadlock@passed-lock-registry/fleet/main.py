from fastapi import FastAPI

from fleet.dispatch import assign, service

app = FastAPI()


class Store:
    async def assign(self, v: str, d: str) -> None: ...
    async def service(self, v: str, d: str) -> None: ...


@app.post("/vehicles/{vehicle_id}/assign/{depot_id}")
async def do_assign(vehicle_id: str, depot_id: str) -> None:
    await assign(vehicle_id, depot_id, Store())


@app.post("/vehicles/{vehicle_id}/service/{depot_id}")
async def do_service(vehicle_id: str, depot_id: str) -> None:
    await service(vehicle_id, depot_id, Store())
