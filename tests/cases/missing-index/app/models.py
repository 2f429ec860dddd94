"""ORM models: indexes declared with index=True, __table_args__ and Alembic."""
from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[DateTime] = mapped_column(DateTime, index=True)


class Project(TimestampMixin, Base):
    __tablename__ = "projects"
    __table_args__ = (
        Index("ix_projects_owner_name", "owner_id", "name"),
        UniqueConstraint("slug"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(50))
    archived_reason: Mapped[str] = mapped_column(String(200), nullable=True)
    external_ref = Column("ext_ref", String)


class Task(Base):
    __tablename__ = "tasks"

    id = Column(Integer, primary_key=True)
    project_id = Column(Integer, ForeignKey("projects.id"))
    assignee = Column(String)
    title = Column(String)


def project_by_slug(session: Session, slug: str):
    return session.scalars(select(Project).where(Project.slug == slug)).first()


def projects_of(session: Session, owner_id: int):
    return session.scalars(select(Project).where(Project.owner_id == owner_id).order_by(Project.name)).all()


def recent_projects(session: Session, since):
    return session.scalars(select(Project).where(Project.created_at >= since).limit(20)).all()


def archived(session: Session, reason: str):
    return session.scalars(select(Project).where(Project.archived_reason == reason).limit(20)).all()  # expect: missing-index


def by_external_ref(session: Session, ref: str):
    return session.query(Project).filter(Project.external_ref == ref).first()  # expect: missing-index


def tasks_of(session: Session, project_id: int):
    return session.query(Task).filter(Task.project_id == project_id).all()


def tasks_for(session: Session, assignee: str):
    return session.query(Task).filter_by(assignee=assignee).all()


def tasks_titled(session: Session, title: str):
    return session.query(Task).filter(Task.title == title).all()  # expect: missing-index


def tasks_filtered(session: Session, project_id: int, title: str | None):
    statement = select(Task).where(Task.project_id == project_id)
    if title is not None:
        statement = statement.where(Task.title == title)
    return session.scalars(statement).all()
