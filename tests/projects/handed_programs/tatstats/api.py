from __future__ import annotations

from fastapi import FastAPI

from tatstats.db import get_pool

app = FastAPI()


@app.get("/studies/{study_id}/tat")
async def study_tat(study_id: int) -> dict:
    pool = await get_pool()
    row = await pool.fetchrow("SELECT study_id, minutes FROM study_tat WHERE study_id = $1", study_id)
    return dict(row) if row else {}
