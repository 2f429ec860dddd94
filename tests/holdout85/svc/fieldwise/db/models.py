from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Farm(Base):
    __tablename__ = "farms"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(Integer, index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    fields: Mapped[list["Field"]] = relationship(back_populates="farm")


class Field(Base):
    __tablename__ = "fields"
    __table_args__ = (
        Index("ix_fields_farm_id_name", "farm_id", "name"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    farm_id: Mapped[int] = mapped_column(ForeignKey("farms.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    crop_type: Mapped[str | None] = mapped_column(String(64))
    area_ha: Mapped[float] = mapped_column(Float, default=0.0)
    boundary_geojson: Mapped[dict] = mapped_column(JSON)
    centroid_lat: Mapped[float] = mapped_column(Float)
    centroid_lon: Mapped[float] = mapped_column(Float)
    water_budget_l: Mapped[Decimal] = mapped_column(Numeric(14, 2), default=0)

    farm: Mapped[Farm] = relationship(back_populates="fields")


class CropSeason(Base):
    __tablename__ = "crop_seasons"
    __table_args__ = (
        UniqueConstraint("field_id", "year", name="uq_crop_seasons_field_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    crop_type: Mapped[str] = mapped_column(String(64))
    sown_on: Mapped[date | None] = mapped_column(Date)
    harvested_on: Mapped[date | None] = mapped_column(Date)


class Sensor(Base):
    __tablename__ = "sensors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), index=True)
    serial: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))  # soil_moisture | weather_station | rain_gauge
    depth_cm: Mapped[int | None] = mapped_column(Integer)
    installed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class SensorReading(Base):
    __tablename__ = "sensor_readings"
    __table_args__ = (
        Index("ix_sensor_readings_sensor_recorded", "sensor_id", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    sensor_id: Mapped[int] = mapped_column(ForeignKey("sensors.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    moisture_pct: Mapped[float | None] = mapped_column(Float)
    temperature_c: Mapped[float | None] = mapped_column(Float)
    humidity_pct: Mapped[float | None] = mapped_column(Float)
    rain_mm: Mapped[float | None] = mapped_column(Float)


class IrrigationSchedule(Base):
    __tablename__ = "irrigation_schedules"
    __table_args__ = (
        Index("ix_irrigation_schedules_status_next_run", "status", "next_run_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), index=True)
    valve_id: Mapped[str] = mapped_column(String(64))
    next_run_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    duration_min: Mapped[int] = mapped_column(Integer)
    liters: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(16), default="pending")


class IrrigationEvent(Base):
    __tablename__ = "irrigation_events"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    schedule_id: Mapped[int | None] = mapped_column(ForeignKey("irrigation_schedules.id"))
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"), nullable=False)
    valve_id: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    liters: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    outcome: Mapped[str] = mapped_column(String(16))


class ImageryScene(Base):
    __tablename__ = "imagery_scenes"
    __table_args__ = (
        Index("ix_imagery_scenes_field_captured", "field_id", "captured_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"))
    source: Mapped[str] = mapped_column(String(16))  # drone | satellite
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    storage_path: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="uploaded")
    ndvi_mean: Mapped[float | None] = mapped_column(Float)


class Crop(Base):
    __tablename__ = "crops"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    base_temp_c: Mapped[float] = mapped_column(Float, default=10.0)


class YieldReport(Base):
    __tablename__ = "yield_reports"
    __table_args__ = (
        Index("ix_yield_reports_farm_year", "farm_id", "season_year"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    farm_id: Mapped[int] = mapped_column(ForeignKey("farms.id"))
    field_id: Mapped[int] = mapped_column(ForeignKey("fields.id"))
    crop_id: Mapped[int] = mapped_column(ForeignKey("crops.id"))
    season_year: Mapped[int] = mapped_column(Integer)
    tonnes: Mapped[float] = mapped_column(Float)
    moisture_pct: Mapped[float | None] = mapped_column(Float)


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (
        Index("ix_alerts_farm_created", "farm_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    farm_id: Mapped[int] = mapped_column(ForeignKey("farms.id"))
    field_id: Mapped[int | None] = mapped_column(ForeignKey("fields.id"))
    kind: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Tractor(Base):
    __tablename__ = "tractors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    farm_id: Mapped[int] = mapped_column(ForeignKey("farms.id"), index=True)
    vin: Mapped[str] = mapped_column(String(32), unique=True)
    model: Mapped[str] = mapped_column(String(100))
    api_token_hash: Mapped[str] = mapped_column(String(128))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    salt: Mapped[str] = mapped_column(String(64))
    farm_ids: Mapped[list] = mapped_column(JSON, default=list)
