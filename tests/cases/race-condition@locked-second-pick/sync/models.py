"""Embedding rows waiting to be pushed to the vector store."""
from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Chunk(Base):
    __tablename__ = "chunks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[str] = mapped_column(String, index=True)
    sync_state: Mapped[str] = mapped_column(String, index=True, default="pending")


class Thumbnail(Base):
    __tablename__ = "thumbnails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sync_state: Mapped[str] = mapped_column(String, index=True, default="pending")
