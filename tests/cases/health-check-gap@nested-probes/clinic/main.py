"""Clinic directory API."""
from fastapi import FastAPI
from sqlalchemy import text

from clinic import health
from clinic.db import cache, engine

app = FastAPI()
app.include_router(health.router)


@app.get("/clinics/{clinic_id}")
async def clinic(clinic_id: int) -> dict:
    cached = await cache.get(f"clinic:{clinic_id}")
    if cached:
        return {"clinic": cached}
    async with engine.connect() as conn:
        row = (await conn.execute(text("SELECT name FROM clinics WHERE id = :id"), {"id": clinic_id})).first()
    return {"clinic": row.name if row else None}
