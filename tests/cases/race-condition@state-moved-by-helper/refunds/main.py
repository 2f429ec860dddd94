"""Refund desk API."""
import httpx
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from refunds.gateway import CardGateway, Mailer
from refunds.service import RefundService, TicketService

engine = create_async_engine("postgresql+asyncpg://db/refunds")
sessions = async_sessionmaker(engine, expire_on_commit=False)
client = httpx.AsyncClient(base_url="https://gateway.example")
app = FastAPI()


async def session() -> AsyncSession:
    async with sessions() as s:
        yield s


def refunds() -> RefundService:
    return RefundService(sessions, CardGateway(client), Mailer(client))


@app.post("/refunds/{refund_id}/pay")
async def pay(refund_id: int, service: RefundService = Depends(refunds)) -> None:
    await service.pay(refund_id)


@app.post("/refunds/{refund_id}/pay-checked")
async def pay_checked(refund_id: int, service: RefundService = Depends(refunds)) -> None:
    await service.pay_checked(refund_id)


@app.post("/refunds/{refund_id}/retry")
async def retry(refund_id: int, service: RefundService = Depends(refunds)) -> None:
    await service.retry(refund_id)


@app.post("/tickets/{ticket_id}/close")
async def close(ticket_id: int, s: AsyncSession = Depends(session)) -> None:
    await TicketService(s, Mailer(client)).close(ticket_id)


@app.post("/tickets/{ticket_id}/reopen")
async def reopen(ticket_id: int, s: AsyncSession = Depends(session)) -> None:
    await TicketService(s, Mailer(client)).reopen(ticket_id)
