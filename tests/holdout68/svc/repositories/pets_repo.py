from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Owner, Pet


async def get_pet(session: AsyncSession, pet_id: int) -> Pet | None:
    return await session.get(Pet, pet_id)


async def get_owner(session: AsyncSession, owner_id: int) -> Owner | None:
    return await session.get(Owner, owner_id)


async def pets_for_owners(session: AsyncSession, owner_ids: Sequence[int]) -> dict[int, list[Pet]]:
    if not owner_ids:
        return {}
    rows = (await session.execute(select(Pet).where(Pet.owner_id.in_(owner_ids)))).scalars()
    grouped: dict[int, list[Pet]] = {oid: [] for oid in owner_ids}
    for pet in rows:
        grouped[pet.owner_id].append(pet)
    return grouped


async def search_owners(session: AsyncSession, term: str) -> list[Owner]:
    stmt = select(Owner).where(Owner.full_name.ilike(f"%{term}%")).order_by(Owner.full_name)
    return list((await session.execute(stmt)).scalars())


async def find_owner_by_email(session: AsyncSession, email: str) -> Owner | None:
    stmt = select(Owner).where(Owner.email == email.strip().lower()).limit(1)
    return (await session.execute(stmt)).scalar_one_or_none()


async def find_by_microchip(session: AsyncSession, microchip: str) -> Pet | None:
    stmt = select(Pet).where(Pet.microchip == microchip)
    return (await session.execute(stmt)).scalar_one_or_none()


async def update_photo(session: AsyncSession, pet: Pet, path: str) -> None:
    pet.photo_path = path
    await session.flush()
