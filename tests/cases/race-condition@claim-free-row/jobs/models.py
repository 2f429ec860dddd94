import enum

from datetime import datetime

from sqlalchemy import DateTime, Enum, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class JobState(enum.Enum):
    QUEUED = "queued"
    RUNNING = "running"


class RenderJob(Base):
    __tablename__ = "render_jobs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[JobState] = mapped_column(Enum(JobState))
    worker: Mapped[str | None] = mapped_column(String(40), nullable=True)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
