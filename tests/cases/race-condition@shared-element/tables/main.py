import asyncio

from fastapi import FastAPI

from tables.service import TableService


class Profiles:
    async def display_name(self, guest: str) -> str:
        await asyncio.sleep(0.01)
        return guest.title()


app = FastAPI()
tables = TableService(Profiles())


@app.post("/tables/{table_id}/sit")
async def sit(table_id: int, guest: str) -> dict[str, str]:
    await tables.sit(table_id, guest)
    await tables.sit_locked(table_id, guest)
    await tables.preview(2, guest)
    return {"status": "seated"}
