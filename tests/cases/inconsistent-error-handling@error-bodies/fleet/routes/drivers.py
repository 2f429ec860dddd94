from fastapi import APIRouter, HTTPException, status

from fleet.repo import NotFound, Repo

router = APIRouter(prefix="/drivers")
repo = Repo()


@router.get("/{driver_id}")
async def get_driver(driver_id: int) -> dict:
    try:
        return await repo.get(driver_id)
    except NotFound as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "driver not found") from exc


@router.post("/{driver_id}/pause")
async def pause_driver(driver_id: int) -> dict:
    try:
        driver = await repo.get(driver_id)
    except NotFound:
        return {"error": f"driver {driver_id} not found"}  # expect: inconsistent-error-handling
    driver["paused"] = True
    return {"paused": driver_id}


@router.get("/search/by-name")
async def search(q: str) -> dict:
    # look-alikes: a success body that mentions no error, and an empty error slot in a result
    if not q:
        return {"message": "nothing to search", "results": []}
    return {"results": await repo.search(q), "error": None}
