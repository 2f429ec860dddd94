"""Mapped classes; AsyncAttrs gives every instance `awaitable_attrs`."""
from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    track_list_id: Mapped[int] = mapped_column(ForeignKey("track_lists.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    seconds: Mapped[int]


class TrackList(Base):
    __tablename__ = "track_lists"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))

    tracks: Mapped[list[Track]] = relationship()


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))

    track_lists: Mapped[list[TrackList]] = relationship()
