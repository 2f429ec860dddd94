"""The same shapes through SQLAlchemy."""
from __future__ import annotations

from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str] = mapped_column(String(200), index=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)


def search(session: Session, q: str):
    return session.scalars(select(Article).where(Article.headline.ilike(f"%{q}%")).limit(20)).all()  # expect: slow-query


def starting(session: Session, q: str):
    return session.scalars(select(Article).where(Article.headline.startswith(q)).limit(20)).all()


def page(session: Session, number: int):
    return session.scalars(select(Article).order_by(Article.id).offset(number * 20).limit(20)).all()  # expect: slow-query
