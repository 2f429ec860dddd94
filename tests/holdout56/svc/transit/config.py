"""Runtime configuration, read once from the environment."""
from __future__ import annotations

import json
import logging
import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return int(raw) if raw else default


def _env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


@dataclass(frozen=True)
class FeedSource:
    operator: str
    kind: str  # vehicle_positions | trip_updates | alerts
    url: str
    api_key_header: str | None = None
    api_key: str | None = None
    poll_interval_s: float = 15.0


@dataclass(frozen=True)
class Settings:
    env: str = "dev"
    database_url: str = "postgresql://transit:transit@localhost:5432/transit"
    orm_database_url: str = "postgresql+asyncpg://transit:transit@localhost:5432/transit"
    redis_url: str = "redis://localhost:6379/0"
    db_pool_min: int = 4
    db_pool_max: int = 20
    db_acquire_timeout: float = 3.0
    db_command_timeout: float = 10.0
    routing_engine_url: str = "http://otp.internal:8080/otp/routers/default"
    payments_url: str = "https://api.payprovider.example/v2"
    payments_api_key: str = ""
    push_url: str = "https://push.example.net/v1/send"
    push_api_key: str = ""
    sms_url: str = "https://sms-gateway.example.org/api/messages"
    sms_api_key: str = ""
    open_data_upload_url: str = "https://opendata.city.example/api/datasets/ridership"
    jwt_secret: str = "change-me"
    operator_key: str = ""
    static_feed_dir: str = "/var/lib/transit/gtfs"
    arrivals_ttl_s: int = 45
    vehicle_snapshot_ttl_s: int = 30
    plan_cache_ttl_s: int = 120
    max_ws_clients: int = 5000
    sms_daily_limit: int = 5
    daily_fare_cap_cents: int = 700
    feeds: tuple[FeedSource, ...] = field(default_factory=tuple)


def _load_feeds() -> tuple[FeedSource, ...]:
    feeds: list[FeedSource] = []
    for operator in filter(None, os.environ.get("TRANSIT_OPERATORS", "metro").split(",")):
        prefix = f"FEED_{operator.upper()}_"
        for kind in ("vehicle_positions", "trip_updates", "alerts"):
            url = os.environ.get(prefix + kind.upper())
            if not url:
                continue
            feeds.append(
                FeedSource(
                    operator=operator,
                    kind=kind,
                    url=url,
                    api_key_header=os.environ.get(prefix + "KEY_HEADER"),
                    api_key=os.environ.get(prefix + "KEY"),
                    poll_interval_s=_env_float(prefix + "INTERVAL", 15.0),
                )
            )
    return tuple(feeds)


@lru_cache
def get_settings() -> Settings:
    return Settings(
        env=os.environ.get("TRANSIT_ENV", "dev"),
        database_url=os.environ.get("DATABASE_URL", Settings.database_url),
        orm_database_url=os.environ.get("ORM_DATABASE_URL", Settings.orm_database_url),
        redis_url=os.environ.get("REDIS_URL", Settings.redis_url),
        db_pool_min=_env_int("DB_POOL_MIN", 4),
        db_pool_max=_env_int("DB_POOL_MAX", 20),
        routing_engine_url=os.environ.get("ROUTING_ENGINE_URL", Settings.routing_engine_url),
        payments_url=os.environ.get("PAYMENTS_URL", Settings.payments_url),
        payments_api_key=os.environ.get("PAYMENTS_API_KEY", ""),
        push_api_key=os.environ.get("PUSH_API_KEY", ""),
        sms_api_key=os.environ.get("SMS_API_KEY", ""),
        jwt_secret=os.environ.get("JWT_SECRET", "change-me"),
        operator_key=os.environ.get("OPERATOR_KEY", ""),
        static_feed_dir=os.environ.get("STATIC_FEED_DIR", Settings.static_feed_dir),
        feeds=_load_feeds(),
    )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload)


def configure(env: str) -> None:
    handler = logging.StreamHandler(sys.stdout)
    if env == "dev":
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    else:
        handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
