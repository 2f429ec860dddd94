from fastapi import BackgroundTasks, FastAPI

from jobs.clients import charge
from jobs.workers import start_all

app = FastAPI()


@app.on_event("startup")
async def startup() -> None:
    await start_all()


def send_receipt(account_id: int) -> None:
    return None


@app.post("/charges/{account_id}")
async def create_charge(account_id: int, background_tasks: BackgroundTasks) -> dict:
    background_tasks.add_task(send_receipt, account_id)
    return await charge(account_id)
