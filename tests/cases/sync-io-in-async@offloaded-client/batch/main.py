import asyncio

from fastapi import FastAPI

from batch.sftp import DropBox

app = FastAPI()
box = DropBox("sftp.partner.example", "batch", "/outbox")


@app.post("/batches/poll")
async def poll() -> dict:
    names = box.list_files()  # expect: sync-io-in-async
    for name in names:
        await asyncio.to_thread(box.fetch, name, "/var/spool")
    return {"fetched": len(names)}


@app.post("/batches/poll-offloaded")
async def poll_offloaded() -> dict:
    names = await asyncio.to_thread(box.list_files)
    for name in names:
        await asyncio.to_thread(box.fetch, name, "/var/spool")
    return {"fetched": len(names)}


from batch.title import TitleGateway  # noqa: E402

title = TitleGateway("t")


@app.post("/closings/{loan_number}")
async def open_closing(loan_number: str, company_id: str) -> dict:
    ref = await asyncio.to_thread(title.open_order, loan_number)
    slots = title.available_slots(company_id)  # expect: sync-io-in-async
    return {"ref": ref, "slots": slots, "label": title.label(company_id)}
