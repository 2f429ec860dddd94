"""Recipe metadata persistence."""
from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from fabline.models.recipe import Recipe


class RecipeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def latest_version(self, name: str) -> int:
        stmt = select(func.max(Recipe.version)).where(Recipe.name == name)
        return (await self.session.scalar(stmt)) or 0

    async def create_next_version(
        self, name: str, tool_type: str, sha: str, path: str, uploaded_by: str
    ) -> Recipe:
        current = await self.latest_version(name)
        recipe = Recipe(
            name=name,
            version=current + 1,
            tool_type=tool_type,
            body_sha256=sha,
            storage_path=path,
            uploaded_by=uploaded_by,
        )
        self.session.add(recipe)
        await self.session.flush()
        return recipe

    async def get(self, name: str, version: int) -> Recipe | None:
        stmt = select(Recipe).where(Recipe.name == name, Recipe.version == version)
        return (await self.session.execute(stmt)).scalar_one_or_none()

    async def active_for_tool_type(self, tool_type: str) -> list[Recipe]:
        stmt = select(Recipe).where(Recipe.tool_type == tool_type, Recipe.active.is_(True))
        return list((await self.session.scalars(stmt)).all())

    async def activate(self, name: str, version: int) -> None:
        await self.session.execute(
            update(Recipe).where(Recipe.name == name).values(active=(Recipe.version == version))
        )
