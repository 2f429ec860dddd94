from fastapi import FastAPI

from bunkering.bunkers import BunkerService
from bunkering.locks import KeyedLocks
from bunkering.suppliers import SupplierService

app = FastAPI()
db = object()
locks = KeyedLocks()
bunkers = BunkerService(db, locks)
suppliers = SupplierService(db, locks)


@app.post("/vessels/{vessel_id}/nominate/{supplier_id}")
async def nominate(vessel_id: int, supplier_id: int, berth_id: int) -> dict:
    await bunkers.nominate(vessel_id, supplier_id)
    await bunkers.berth(vessel_id, berth_id)
    return {}


@app.post("/suppliers/{supplier_id}/reprice")
async def reprice(supplier_id: int, factor: float, port_id: int, berth_id: int) -> dict:
    await suppliers.reprice(supplier_id, factor)
    await suppliers.close_port(port_id, berth_id)
    return {}
