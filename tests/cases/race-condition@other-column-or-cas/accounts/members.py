"""Members and their credentials: the mapped classes and the tables that query them, side by side."""
from __future__ import annotations

import time
import uuid
from typing import Optional

from sqlalchemy import JSON, String, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .db import Sessions


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "members"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    seen_at: Mapped[int] = mapped_column(default=0)


class Credential(Base):
    __tablename__ = "credentials"

    member_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(36))
    attempts: Mapped[dict] = mapped_column(JSON, default=dict)


class MemberTable:
    async def get(self, member_id: str) -> Optional[Member]:
        async with Sessions() as session:
            return await session.get(Member, member_id)

    async def touch(self, member_id: str) -> None:
        async with Sessions() as session:
            await session.execute(update(Member).where(Member.id == member_id).values(seen_at=int(time.time())))
            await session.commit()

    async def set_status(self, member_id: str, status: str) -> None:
        async with Sessions() as session:
            await session.execute(update(Member).where(Member.id == member_id).values(status=status))
            await session.commit()


class CredentialTable:
    async def get(self, member_id: str) -> Optional[Credential]:
        async with Sessions() as session:
            return await session.get(Credential, member_id)

    async def swap_attempts(self, cred: Credential, attempts: dict) -> bool:
        """Compare-and-swap: only a row still carrying the stamp that was read is changed."""
        async with Sessions() as session:
            result = await session.execute(
                update(Credential)
                .where(
                    Credential.member_id == cred.member_id,
                    Credential.stamp == cred.stamp,
                )
                .values(attempts=attempts, stamp=str(uuid.uuid4()))
            )
            await session.commit()
            return result.rowcount == 1


Members = MemberTable()
Credentials = CredentialTable()
