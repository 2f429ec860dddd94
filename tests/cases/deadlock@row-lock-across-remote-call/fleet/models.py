from sqlalchemy import Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Van(Base):
    __tablename__ = "vans"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    driver: Mapped[str | None] = mapped_column(String(80), nullable=True)
