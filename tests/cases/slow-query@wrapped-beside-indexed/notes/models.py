from sqlalchemy import Column, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    pass


class Note(Base):
    __tablename__ = "notes"

    id = Column(Integer, primary_key=True)
    folder_id = Column(Integer, nullable=False, index=True)
    title = Column(String(300), nullable=False, index=True)
    slug = Column(String(300), nullable=False)

    __table_args__ = (Index("ix_notes_slug", "slug"),)
