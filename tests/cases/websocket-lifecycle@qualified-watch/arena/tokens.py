from __future__ import annotations


async def verify_token(token: str) -> dict:
    if not token:
        raise PermissionError("missing token")
    return {"sub": token}
