from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError

from svc.db.models import Device, Fan, Favourite
from svc.db.repositories.base import Repository
from svc.errors import ConflictError, NotFoundError


class FanRepository(Repository):
    async def get(self, fan_id: int) -> Fan:
        async with self._sessionmaker() as session:
            fan = await session.get(Fan, fan_id)
        if fan is None:
            raise NotFoundError(f"fan {fan_id} not found")
        return fan

    async def get_by_email(self, email: str) -> Fan | None:
        async with self._sessionmaker() as session:
            result = await session.execute(select(Fan).where(Fan.email == email.lower()))
            return result.scalar_one_or_none()

    async def create(self, email: str, password_hash: str, display_name: str) -> Fan:
        fan = Fan(email=email.lower(), password_hash=password_hash, display_name=display_name)
        async with self._sessionmaker() as session:
            session.add(fan)
            try:
                await session.commit()
            except IntegrityError as exc:
                await session.rollback()
                raise ConflictError("email already registered") from exc
        return fan

    async def list_favourites(self, fan_id: int) -> list[Favourite]:
        async with self._sessionmaker() as session:
            stmt = select(Favourite).where(Favourite.fan_id == fan_id).order_by(Favourite.created_at)
            result = await session.execute(stmt)
            return list(result.scalars())

    async def add_favourite(self, fan_id: int, team_id: int) -> bool:
        stmt = (
            pg_insert(Favourite)
            .values(fan_id=fan_id, team_id=team_id)
            .on_conflict_do_nothing(constraint="uq_favourites_fan_team")
        )
        async with self._sessionmaker() as session:
            result = await session.execute(stmt)
            await session.commit()
        return result.rowcount == 1

    async def remove_favourite(self, fan_id: int, team_id: int) -> None:
        async with self._sessionmaker() as session:
            await session.execute(
                delete(Favourite).where(Favourite.fan_id == fan_id, Favourite.team_id == team_id)
            )
            await session.commit()

    async def fans_following(self, team_ids: Sequence[int]) -> list[int]:
        async with self._sessionmaker() as session:
            stmt = select(Favourite.fan_id).where(Favourite.team_id.in_(team_ids)).distinct()
            result = await session.execute(stmt)
            return list(result.scalars())

    async def devices_for(self, fan_id: int) -> list[Device]:
        async with self._sessionmaker() as session:
            result = await session.execute(select(Device).where(Device.fan_id == fan_id))
            return list(result.scalars())

    async def devices_for_fans(self, fan_ids: Sequence[int]) -> dict[int, list[Device]]:
        grouped: dict[int, list[Device]] = defaultdict(list)
        async with self._sessionmaker() as session:
            result = await session.execute(select(Device).where(Device.fan_id.in_(fan_ids)))
            for device in result.scalars():
                grouped[device.fan_id].append(device)
        return grouped

    async def register_device(self, fan_id: int, token: str, platform: str) -> None:
        stmt = pg_insert(Device).values(fan_id=fan_id, token=token, platform=platform)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Device.token], set_={"fan_id": fan_id, "platform": platform}
        )
        async with self._sessionmaker() as session:
            await session.execute(stmt)
            await session.commit()

    async def remove_devices(self, tokens: Sequence[str]) -> None:
        if not tokens:
            return
        async with self._sessionmaker() as session:
            await session.execute(delete(Device).where(Device.token.in_(tokens)))
            await session.commit()
