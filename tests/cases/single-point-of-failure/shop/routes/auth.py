from typing import Any

from fastapi import APIRouter, Cookie, Depends, Response

from shop.dependencies import current_user
from shop.sessions import sessions

router = APIRouter(prefix="/auth")


@router.post("/login")
async def login(response: Response, email: str) -> dict[str, str]:
    token = await sessions.create({"email": email})
    response.set_cookie("session", token, httponly=True)
    return {"status": "signed in"}


@router.post("/logout")
async def logout(response: Response, session: str = Cookie(default="")) -> dict[str, str]:
    await sessions.drop(session)
    response.delete_cookie("session")
    return {"status": "signed out"}


@router.get("/me")
async def me(user: dict[str, Any] = Depends(current_user)) -> dict[str, Any]:
    return user
