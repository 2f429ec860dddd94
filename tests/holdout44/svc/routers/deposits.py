from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Request, status

from svc.repositories.deposits import DepositRepository
from svc.security import Principal, require_customer

router = APIRouter(prefix="/deposits", tags=["deposits"])


def _repo(request: Request) -> DepositRepository:
    return DepositRepository(request.app.state.pg_pool)


def _out(row) -> dict:
    return {
        "id": row["id"],
        "chain": row["chain"],
        "txid": row["txid"],
        "vout": row["vout"],
        "amount": str(row["amount"]),
        "confirmations": row["confirmations"],
        "status": row["status"],
    }


@router.get("")
async def list_deposits(
    limit: int = 50,
    principal: Principal = Depends(require_customer),
    repo: DepositRepository = Depends(_repo),
) -> list[dict]:
    rows = await repo.for_customer(principal.customer_id, min(limit, 200))
    return [_out(r) for r in rows]


@router.get("/tx/{txid}")
async def deposit_by_txid(
    txid: str,
    principal: Principal = Depends(require_customer),
    repo: DepositRepository = Depends(_repo),
) -> list[dict]:
    rows = await repo.by_txid(txid)
    if not rows:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no deposit for this transaction")
    addresses = await repo.addresses_by_ids(list({r["address_id"] for r in rows}))
    mine = [r for r in rows if addresses[r["address_id"]]["customer_id"] == principal.customer_id]
    if not mine:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no deposit for this transaction")
    return [_out(r) for r in mine]


@router.get("/{chain}/tx/{txid}")
async def deposit_by_chain_txid(
    chain: str,
    txid: str,
    principal: Principal = Depends(require_customer),
    repo: DepositRepository = Depends(_repo),
) -> list[dict]:
    rows = await repo.by_chain_txid(chain, txid)
    owners = await repo.addresses_by_ids(list({r["address_id"] for r in rows}))
    return [_out(r) for r in rows if owners[r["address_id"]]["customer_id"] == principal.customer_id]
