from contextlib import asynccontextmanager

import asyncpg
from fastapi import Depends, FastAPI

from clinic.deps import db_connection, report_connection


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.pool = await asyncpg.create_pool("postgresql://db/clinic", min_size=2, max_size=10)
    yield
    await app.state.pool.close()


app = FastAPI(lifespan=lifespan)


@app.get("/patients/{patient_id}")
async def patient(patient_id: int, conn: asyncpg.Connection = Depends(db_connection)) -> dict:
    row = await conn.fetchrow("SELECT id, name FROM patients WHERE id = $1", patient_id)
    return dict(row)


@app.get("/reports/visits")
async def visits(conn: asyncpg.Connection = Depends(report_connection)) -> list[dict]:
    return [dict(r) for r in await conn.fetch("SELECT day, count FROM visit_counts")]
