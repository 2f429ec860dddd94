from fastapi import FastAPI

from yard import locking

app = FastAPI()


async def load(crane_id: str, berth_id: str, store) -> None:
    async with locking.berth(berth_id):
        async with locking.crane(crane_id):
            await store.load(crane_id, berth_id)


async def unload(crane_id: str, berth_id: str, store) -> None:
    async with locking.berth(berth_id):
        async with locking.crane(crane_id):
            await store.unload(crane_id, berth_id)


@app.post("/moves")
async def move(crane_id: str, berth_id: str) -> None:
    await load(crane_id, berth_id, None)
    await unload(crane_id, berth_id, None)
