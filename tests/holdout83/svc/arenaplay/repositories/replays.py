from __future__ import annotations

from sqlalchemy import select, update

from arenaplay.db.models import Replay
from arenaplay.repositories.base import OrmRepository
from arenaplay.utils.timeutil import utcnow


class ReplayRepository(OrmRepository[Replay]):
    model = Replay

    async def get_by_match(self, match_id: str) -> Replay | None:
        result = await self.session.execute(select(Replay).where(Replay.match_id == match_id))
        return result.scalar_one_or_none()

    async def create_spooled(self, match_id: str, size_bytes: int, checksum: str) -> Replay:
        return await self.add(Replay(match_id=match_id, size_bytes=size_bytes, checksum=checksum))

    async def list_spooled(self, limit: int = 20) -> list[Replay]:
        stmt = select(Replay).where(Replay.status == "spooled").order_by(Replay.created_at).limit(limit)
        return list((await self.session.execute(stmt)).scalars())

    async def mark_uploaded(self, replay_id: int, object_key: str) -> None:
        await self.session.execute(
            update(Replay).where(Replay.id == replay_id).values(status="stored", object_key=object_key, uploaded_at=utcnow())
        )
        await self.session.commit()

    async def mark_failed(self, replay_id: int) -> None:
        await self.session.execute(update(Replay).where(Replay.id == replay_id).values(status="failed"))
        await self.session.commit()
