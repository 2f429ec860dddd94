"""Questions and the players' saved decks."""
from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    topic: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(String(500))


class Card(Base):
    __tablename__ = "cards"
    __table_args__ = (Index("ix_cards_player_id", "player_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"))
    front: Mapped[str] = mapped_column(String(200))
