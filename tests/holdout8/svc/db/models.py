"""ORM models. Raw SQL in the repositories targets the same tables."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Player(Base):
    __tablename__ = "players"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    region: Mapped[str] = mapped_column(String(16))
    mmr: Mapped[int] = mapped_column(Integer, default=1200, index=True)
    banned: Mapped[bool] = mapped_column(Boolean, default=False)
    last_played_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    items: Mapped[list[InventoryItem]] = relationship(back_populates="player")


class Wallet(Base):
    __tablename__ = "wallets"

    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class PurchaseStatus(str, enum.Enum):
    PENDING = "pending"
    SETTLED = "settled"
    REFUNDED = "refunded"
    FAILED = "failed"


class Purchase(Base):
    __tablename__ = "purchases"
    __table_args__ = (Index("ix_purchases_player_created", "player_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True, default=uuid.uuid4)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"))
    offer_id: Mapped[str] = mapped_column(String(64))
    gems: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[PurchaseStatus] = mapped_column(Enum(PurchaseStatus, name="purchase_status"))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    provider_intent_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    provider_txn_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ItemDefinition(Base):
    __tablename__ = "item_definitions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    slot: Mapped[str] = mapped_column(String(32), index=True)
    rarity: Mapped[str] = mapped_column(String(16))


class InventoryItem(Base):
    __tablename__ = "inventory_items"
    __table_args__ = (UniqueConstraint("player_id", "definition_id", name="uq_inventory_player_definition"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"), index=True)
    definition_id: Mapped[str] = mapped_column(ForeignKey("item_definitions.id"))
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    equipped: Mapped[bool] = mapped_column(Boolean, default=False)
    acquired_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    player: Mapped[Player] = relationship(back_populates="items")
    definition: Mapped[ItemDefinition] = relationship()


class Match(Base):
    __tablename__ = "matches"

    id: Mapped[uuid.UUID] = mapped_column(UUID(as_uuid=True), primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    region: Mapped[str] = mapped_column(String(16))
    season_id: Mapped[int] = mapped_column(Integer, index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MatchParticipant(Base):
    __tablename__ = "match_participants"
    __table_args__ = (Index("ix_participants_player_match", "player_id", "match_id"),)

    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), primary_key=True)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"), primary_key=True)
    team: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    kills: Mapped[int] = mapped_column(Integer)
    deaths: Mapped[int] = mapped_column(Integer)


class ReportStatus(str, enum.Enum):
    PENDING = "pending"
    SUBMITTED = "submitted"
    CLOSED = "closed"


class AntiCheatReport(Base):
    __tablename__ = "anticheat_reports"
    __table_args__ = (Index("ix_reports_suspect_created", "suspect_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("players.id"), index=True)
    suspect_id: Mapped[int] = mapped_column(ForeignKey("players.id"))
    match_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("matches.id"), index=True)
    reason: Mapped[str] = mapped_column(String(32))
    comment: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ReportStatus] = mapped_column(Enum(ReportStatus, name="report_status"), default=ReportStatus.PENDING)
    case_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    verdict: Mapped[str | None] = mapped_column(String(32))
    evidence: Mapped[dict | None] = mapped_column(JSONB)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)


class Season(Base):
    __tablename__ = "seasons"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    ends_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    rewards_granted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class SeasonReward(Base):
    __tablename__ = "season_rewards"

    season_id: Mapped[int] = mapped_column(ForeignKey("seasons.id"), primary_key=True)
    player_id: Mapped[int] = mapped_column(ForeignKey("players.id"), primary_key=True)
    tier: Mapped[str] = mapped_column(String(16))
