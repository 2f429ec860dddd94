from __future__ import annotations

from dataclasses import asdict, dataclass

from litestar import Controller, get, patch

from judgehall.security import Principal
from judgehall.services.users import UserService
from judgehall.utils.pagination import clamp_page_size


class UserController(Controller):
    path = "/users"
    tags = ["users"]

    @get("/{handle:str}")
    async def profile(self, handle: str, user_service: UserService) -> dict:
        return asdict(await user_service.get_profile(handle))

    @get("/{user_id:int}/card")
    async def card(self, user_id: int, user_service: UserService) -> dict:
        return asdict(await user_service.card(user_id))

    @get("/search")
    async def search(self, q: str, user_service: UserService, limit: int | None = None) -> list[dict]:
        return [asdict(c) for c in await user_service.search(q, clamp_page_size(limit))]

    @get("/{handle:str}/ratings")
    async def ratings(self, handle: str, user_service: UserService) -> list[dict]:
        return await user_service.rating_history(handle)

    @get("/leaderboard")
    async def leaderboard(self, user_service: UserService, limit: int = 100) -> list[dict]:
        limit = max(1, min(limit, 500))
        return [asdict(c) for c in await user_service.leaderboard(limit)]


@dataclass
class ProfileUpdate:
    display_name: str | None = None
    country: str | None = None


class MeController(Controller):
    path = "/me"
    tags = ["users"]

    @patch("/profile")
    async def update_profile(self, data: ProfileUpdate, user_service: UserService, principal: Principal) -> dict:
        profile = await user_service.update_profile(principal.user_id, data.display_name, data.country)
        return asdict(profile)

    @get("/card")
    async def card(self, user_service: UserService, principal: Principal) -> dict:
        return asdict(await user_service.card(principal.user_id))
