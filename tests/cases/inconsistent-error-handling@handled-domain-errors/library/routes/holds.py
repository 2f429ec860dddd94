import logging

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from library.errors import HoldConflict
from library.store import Store

log = logging.getLogger(__name__)
router = APIRouter(prefix="/holds")
store = Store()


@router.post("/{member}/{book}")
async def place_hold(member: int, book: int):
    try:
        await store.hold(member, book)
    except HoldConflict as conflict:
        return JSONResponse(status_code=409, content={"reason": conflict.detail})  # expect: inconsistent-error-handling
    return {"held": True}


@router.post("/{member}/{book}/quiet")
async def place_hold_logged(member: int, book: int) -> dict:
    try:
        await store.hold(member, book)
    except HoldConflict:
        log.info("hold for %s on %s already taken", member, book)
        raise
    return {"held": True}


@router.post("/{member}/{book}/parse")
async def parse_hold(member: int, book: str) -> dict:
    try:
        number = int(book)
    except ValueError:
        return {"error": "book must be a number"}
    await store.hold(member, number)
    return {"held": True}


@router.post("/{member}/{book}/strict")
async def place_hold_strict(member: int, book: int):
    # look-alike: HTTPException's own shape under an error status
    try:
        await store.hold(member, book)
    except HoldConflict as conflict:
        return JSONResponse(status_code=409, content={"detail": conflict.detail})
    return {"held": True}
