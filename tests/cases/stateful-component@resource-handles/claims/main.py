from fastapi import FastAPI, HTTPException

from claims.deps import claims_dao, intake, notifier, warehouse

app = FastAPI()


@app.post("/claims/{claim_id}")
async def file_claim(claim_id: int, body: dict) -> dict[str, int]:
    if not intake.accepting():
        raise HTTPException(503, "intake paused")
    row = await claims_dao.create(claim_id, body)
    return {"id": row.claim_id}


@app.post("/admin/intake/pause")
async def pause_intake() -> dict[str, bool]:
    intake.pause()
    return {"paused": True}


@app.post("/admin/intake/resume")
async def resume_intake() -> dict[str, bool]:
    intake.resume()
    return {"paused": False}


@app.post("/reports/open")
async def open_reports() -> dict[str, bool]:
    warehouse.open()
    return {"open": warehouse.is_open()}


@app.post("/reports/close")
async def close_reports() -> dict[str, bool]:
    warehouse.close()
    return {"open": warehouse.is_open()}


@app.post("/notifications/start")
async def start_notifications() -> dict[str, bool]:
    await notifier.start()
    return {"started": True}


@app.post("/notifications/stop")
async def stop_notifications() -> dict[str, bool]:
    await notifier.stop()
    return {"stopped": True}
