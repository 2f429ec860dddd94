import uuid

from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from vouchers.redeem import VoucherService

engine = create_async_engine("postgresql+asyncpg://localhost/shop")
service = VoucherService(async_sessionmaker(engine))
app = FastAPI()


def vouchers() -> VoucherService:
    return service


@app.post("/vouchers/{code}/redeem")
async def redeem(code: str, customer_id: uuid.UUID, svc: VoucherService = Depends(vouchers)) -> dict[str, int]:
    return {"credit": await svc.redeem(code, customer_id)}


@app.post("/vouchers/{code}/redeem-by-key")
async def redeem_by_key(code: str, customer_id: uuid.UUID, svc: VoucherService = Depends(vouchers)) -> dict[str, int]:
    return {"credit": await svc.redeem_by_key(code, customer_id)}


@app.post("/vouchers/{code}/redeem-conditional")
async def redeem_conditional(code: str, customer_id: uuid.UUID,
                             svc: VoucherService = Depends(vouchers)) -> dict[str, int]:
    return {"credit": await svc.redeem_conditionally(code, customer_id)}


@app.post("/vouchers/{code}/redeem-locked")
async def redeem_locked(code: str, customer_id: uuid.UUID, svc: VoucherService = Depends(vouchers)) -> dict[str, int]:
    return {"credit": await svc.redeem_locked(code, customer_id)}


@app.get("/vouchers/{code}")
async def view(code: str, svc: VoucherService = Depends(vouchers)) -> dict[str, int]:
    return {"credit": await svc.view(code)}


@app.post("/vouchers/{code}/transfer")
async def transfer(code: str, other_code: str, customer_id: uuid.UUID,
                   svc: VoucherService = Depends(vouchers)) -> None:
    await svc.transfer(code, other_code, customer_id)
