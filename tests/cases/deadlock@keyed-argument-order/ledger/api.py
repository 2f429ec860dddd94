from fastapi import FastAPI

from ledger import transfers

app = FastAPI()
db = object()


@app.post("/transfers")
async def transfer(source: int, target: int, points: int) -> dict:
    await transfers.move_points(source, target, points, db)
    await transfers.move_points_ordered(source, target, points, db)
    await transfers.tag_account(source, "vip", db)
    return {}


@app.post("/wallets/merge")
async def merge(keep: int, drop: int) -> dict:
    await transfers.merge_wallets(keep, drop, db)
    await transfers.top_up(keep, 1, db)
    return {}
