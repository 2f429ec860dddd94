import asyncpg
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from tickets import invoices, issues

engine = create_async_engine("postgresql+asyncpg://localhost/tickets")
Sessions = async_sessionmaker(engine)
app = FastAPI()
pool: asyncpg.Pool = None


async def db():
    async with Sessions() as s:
        yield s


@app.post("/projects/{project_id}/issues")
async def open_issue(project_id: int, title: str, s: AsyncSession = Depends(db)) -> dict:
    await issues.open_issue_retrying(s, project_id, title)
    return {"seq": (await issues.open_issue(s, project_id, title)).seq}


@app.post("/projects/{project_id}/filed")
async def file_issue(project_id: int, title: str, s: AsyncSession = Depends(db)) -> dict:
    await issues.file_issue_retrying(s, project_id, title)
    return {"seq": (await issues.file_issue(s, project_id, title)).seq}


@app.post("/tenants/{tenant_id}/invoices")
async def invoice(tenant_id: int, total: int) -> dict:
    await invoices.issue_invoice_counter(pool, tenant_id, total)
    return {"number": await invoices.issue_invoice(pool, tenant_id, total)}
