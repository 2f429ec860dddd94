"""Runtime configuration, read once from the environment."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache


def _env(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise RuntimeError(f"missing required setting {name}")
    return value


@dataclass(frozen=True)
class Settings:
    results_dsn: str
    accounts_dsn: str
    redis_url: str
    printer_base_url: str
    printer_host: str
    printer_port: int
    fhir_base_url: str
    sms_api_url: str
    sms_api_key: str
    voice_api_url: str
    clearinghouse_url: str
    terminology_url: str
    drop_dir: str
    archive_dir: str
    label_template_dir: str
    pg_pool_min: int = 2
    pg_pool_max: int = 20
    orm_pool_size: int = 10
    http_timeout_s: float = 10.0
    ws_idle_timeout_s: float = 90.0
    ws_max_instruments: int = 64
    delivery_batch: int = 100
    critical_escalation_minutes: int = 15
    environment: str = "dev"
    allowed_origins: tuple[str, ...] = field(default_factory=tuple)


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings(
        results_dsn=_env("LIMS_RESULTS_DSN", "postgresql://lims@localhost/results"),
        accounts_dsn=_env("LIMS_ACCOUNTS_DSN", "postgresql+asyncpg://lims@localhost/accounts"),
        redis_url=_env("LIMS_REDIS_URL", "redis://localhost:6379/0"),
        printer_base_url=_env("LIMS_PRINTER_URL", "http://printsvc:8080"),
        printer_host=_env("LIMS_PRINTER_HOST", "zebra-01"),
        printer_port=int(_env("LIMS_PRINTER_PORT", "9100")),
        fhir_base_url=_env("LIMS_FHIR_URL", "https://fhir.example.org"),
        sms_api_url=_env("LIMS_SMS_URL", "https://sms.example.org/v2/messages"),
        sms_api_key=_env("LIMS_SMS_KEY", "dev"),
        voice_api_url=_env("LIMS_VOICE_URL", "https://voice.example.org/calls"),
        clearinghouse_url=_env("LIMS_CLEARINGHOUSE_URL", "https://claims.example.org/upload"),
        terminology_url=_env("LIMS_TERMINOLOGY_URL", "http://terminology:8000"),
        drop_dir=_env("LIMS_DROP_DIR", "/var/lims/drop"),
        archive_dir=_env("LIMS_ARCHIVE_DIR", "/var/lims/archive"),
        label_template_dir=_env("LIMS_LABEL_TEMPLATES", "/etc/lims/labels"),
        pg_pool_max=int(_env("LIMS_PG_POOL_MAX", "20")),
        environment=_env("LIMS_ENV", "dev"),
        allowed_origins=tuple(filter(None, _env("LIMS_ORIGINS", "").split(","))),
    )


FEATURE_FLAGS: dict[str, bool] = {
    "autoverify": True,
    "fhir_delivery": True,
    "sms_alerts": True,
}
