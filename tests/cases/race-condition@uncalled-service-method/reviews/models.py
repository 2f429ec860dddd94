from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id"), unique=True)
    rating: Mapped[int]
    body: Mapped[str] = mapped_column(String(4000))
    status: Mapped[str] = mapped_column(String(16), default="pending")
