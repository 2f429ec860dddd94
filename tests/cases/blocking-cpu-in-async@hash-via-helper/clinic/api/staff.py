"""Staff actions gated by a code: two coroutines share the check, so the helper is the one fix."""
from fastapi import APIRouter, HTTPException

from clinic.auth.hashing import staff_code_ok

router = APIRouter()
CODES: dict[str, bytes] = {}


@router.post("/staff/{staff_id}/unlock")
async def unlock(staff_id: str, code: str) -> dict:
    if not staff_code_ok(code, CODES.get(staff_id, b"")):
        raise HTTPException(403)
    return {"unlocked": staff_id}


@router.post("/staff/{staff_id}/override")
async def override(staff_id: str, code: str) -> dict:
    if not staff_code_ok(code, CODES.get(staff_id, b"")):
        raise HTTPException(403)
    return {"override": staff_id}
