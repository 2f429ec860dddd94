from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, post

from judgehall.security import Principal
from judgehall.services.auth import AuthService, RegisterInput


@dataclass
class LoginInput:
    handle: str
    password: str


@dataclass
class PasswordChange:
    old_password: str
    new_password: str


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post("/register")
    async def register(self, data: RegisterInput, auth_service: AuthService) -> dict:
        user = await auth_service.register(data)
        return {"id": user.id, "handle": user.handle}

    @post("/login")
    async def login(self, data: LoginInput, auth_service: AuthService) -> dict:
        token = await auth_service.login(data.handle, data.password)
        return {"access_token": token, "token_type": "bearer"}

    @post("/password")
    async def change_password(self, data: PasswordChange, auth_service: AuthService, principal: Principal) -> None:
        await auth_service.change_password(principal.user_id, data.old_password, data.new_password)
