from __future__ import annotations

import csv
from pathlib import Path

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel

from dispensary.deps import ContainerDep, PharmacistDep, StaffDep, require_branch
from dispensary.settings import get_settings

router = APIRouter(prefix="/stock", tags=["stock"])


class TransferIn(BaseModel):
    src_branch: int
    dst_branch: int
    drug_code: str
    lot_no: str
    quantity: int


class StocktakeLine(BaseModel):
    branch_id: int
    drug_code: str
    lot_no: str
    counted: int


@router.get("/{branch_id}/{drug_code}")
async def availability(branch_id: int, drug_code: str, container: ContainerDep, staff: StaffDep) -> dict:
    require_branch(staff, branch_id)
    return {"branch_id": branch_id, "drug_code": drug_code, "available": await container.stock.availability(branch_id, drug_code)}


@router.post("/transfer", status_code=204)
async def transfer(body: TransferIn, container: ContainerDep, staff: PharmacistDep) -> None:
    require_branch(staff, body.src_branch)
    await container.stock.transfer(body.src_branch, body.dst_branch, body.drug_code, body.lot_no, body.quantity)


@router.post("/stocktake")
async def stocktake(lines: list[StocktakeLine], container: ContainerDep, staff: PharmacistDep) -> dict[str, int]:
    for branch_id in {line.branch_id for line in lines}:
        require_branch(staff, branch_id)
    counts = {(line.branch_id, line.drug_code, line.lot_no): line.counted for line in lines}
    adjusted = await container.stock.stocktake([line.branch_id for line in lines], counts)
    return {"adjusted": adjusted}


@router.get("/deliveries/{branch_code}/{manifest_name}")
def delivery_manifest(branch_code: str, manifest_name: str) -> list[dict[str, str]]:
    """Wholesaler delivery manifests are dropped as CSV files on the shared volume."""
    base = Path(get_settings().export_dir) / "deliveries" / branch_code
    path = (base / manifest_name).resolve()
    if base.resolve() not in path.parents or not path.is_file():
        raise HTTPException(404, "manifest not found")
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))
