from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from judgehall.clients.avatars import AvatarClient
from judgehall.errors import NotFound, ValidationFailed
from judgehall.repositories.ratings import RatingRepository
from judgehall.repositories.teams import TeamRepository
from judgehall.repositories.users import UserRepository

log = logging.getLogger(__name__)

DEFAULT_AVATAR = "/static/img/default-avatar.png"


@dataclass(slots=True)
class Profile:
    id: int
    handle: str
    display_name: str | None
    country: str | None
    rating: int
    max_rating: int
    rated_contests: int
    avatar_url: str
    teams: list[str]


@dataclass(slots=True)
class UserCard:
    id: int
    handle: str
    rating: int
    avatar_url: str


class UserService:
    def __init__(
        self,
        users: UserRepository,
        teams: TeamRepository,
        ratings: RatingRepository,
        avatars: AvatarClient,
    ) -> None:
        self.users = users
        self.teams = teams
        self.ratings = ratings
        self.avatars = avatars

    async def get_profile(self, handle: str) -> Profile:
        user = await self.users.get_by_handle(handle)
        if user is None:
            raise NotFound(f"user {handle} not found")
        teams = await self.teams.teams_of_user(user.id)
        avatar_url = await self.avatars.fetch(user.email)
        return Profile(
            id=user.id,
            handle=user.handle,
            display_name=user.display_name,
            country=user.country,
            rating=user.rating,
            max_rating=user.max_rating,
            rated_contests=user.rated_contests,
            avatar_url=avatar_url,
            teams=[t.name for t in teams],
        )

    async def card(self, user_id: int) -> UserCard:
        user = await self.users.get(user_id)
        if user is None:
            raise NotFound(f"user {user_id} not found")
        try:
            avatar = await self.avatars.fetch(user.email, size=64)
        except httpx.HTTPError:
            log.info("avatar service unavailable for user %s", user_id)
            avatar = DEFAULT_AVATAR
        return UserCard(id=user.id, handle=user.handle, rating=user.rating, avatar_url=avatar)

    async def search(self, query: str, limit: int = 20) -> list[UserCard]:
        users = await self.users.search(query.strip(), limit=limit)
        return [UserCard(id=u.id, handle=u.handle, rating=u.rating, avatar_url=DEFAULT_AVATAR) for u in users]

    async def leaderboard(self, limit: int = 100) -> list[UserCard]:
        users = await self.users.top_by_rating(limit)
        return [UserCard(id=u.id, handle=u.handle, rating=u.rating, avatar_url=DEFAULT_AVATAR) for u in users]

    async def rating_history(self, handle: str) -> list[dict]:
        user = await self.users.get_by_handle(handle)
        if user is None:
            raise NotFound(f"user {handle} not found")
        changes = await self.ratings.history(user.id)
        return [
            {"contest_id": c.contest_id, "rank": c.rank, "old": c.old_rating, "new": c.new_rating, "at": c.created_at}
            for c in changes
        ]

    async def update_profile(
        self, user_id: int, display_name: str | None, country: str | None
    ) -> Profile:
        user = await self.users.get(user_id)
        if user is None:
            raise NotFound(f"user {user_id} not found")
        if display_name is not None:
            display_name = display_name.strip()
            if len(display_name) > 64:
                raise ValidationFailed("display name too long")
            user.display_name = display_name or None
        if country is not None:
            country = country.strip().upper()
            if country and (len(country) != 2 or not country.isalpha()):
                raise ValidationFailed("country must be an ISO 3166 alpha-2 code")
            user.country = country or None
        teams = await self.teams.teams_of_user(user.id)
        return Profile(
            id=user.id,
            handle=user.handle,
            display_name=user.display_name,
            country=user.country,
            rating=user.rating,
            max_rating=user.max_rating,
            rated_contests=user.rated_contests,
            avatar_url=DEFAULT_AVATAR,
            teams=[t.name for t in teams],
        )
