from fastapi import FastAPI

from depot import moves
from depot.locking import BinLocks

app = FastAPI()
db = object()
mover = moves.BinMover(BinLocks())


@app.post("/relocate")
async def relocate(origin: str, destination: str, sku: str, qty: int) -> dict:
    await moves.relocate(origin, destination, sku, qty, db)
    await moves.relocate_ordered(origin, destination, sku, qty, db)
    return {}


@app.post("/bins/swap")
async def swap(left: int, right: int) -> dict:
    await mover.swap(left, right, db)
    await mover.refill(left, db)
    return {}
