from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


@dataclass(frozen=True)
class Settings:
    environment: str = _env("TELCO_ENV", "dev")
    database_url: str = _env("DATABASE_URL", "postgresql+asyncpg://telco:telco@localhost:5432/telco")
    asyncpg_dsn: str = _env("ASYNCPG_DSN", "postgresql://telco:telco@localhost:5432/telco")
    redis_url: str = _env("REDIS_URL", "redis://localhost:6379/0")
    db_pool_size: int = int(_env("DB_POOL_SIZE", "15"))
    db_max_overflow: int = int(_env("DB_MAX_OVERFLOW", "5"))

    hlr_base_url: str = _env("HLR_BASE_URL", "https://hlr-gw.internal:8443")
    hlr_api_key: str = _env("HLR_API_KEY", "")
    clearinghouse_url: str = _env("CLEARINGHOUSE_URL", "https://api.npc.example.net")
    clearinghouse_operator_id: str = _env("CLEARINGHOUSE_OPERATOR_ID", "OP042")
    payment_url: str = _env("PAYMENT_URL", "https://api.payments.example.com")
    payment_key: str = _env("PAYMENT_KEY", "")
    payment_webhook_secret: str = _env("PAYMENT_WEBHOOK_SECRET", "")
    fraud_url: str = _env("FRAUD_URL", "https://fraud.example.io")
    fraud_key: str = _env("FRAUD_KEY", "")
    sms_url: str = _env("SMS_URL", "https://sms-gw.internal")
    sms_sender: str = _env("SMS_SENDER", "TELCO")
    roaming_hub_url: str = _env("ROAMING_HUB_URL", "https://dch.example.org")

    sftp_host: str = _env("SFTP_HOST", "mediation.internal")
    sftp_user: str = _env("SFTP_USER", "rating")
    sftp_key_path: str = _env("SFTP_KEY_PATH", "secrets/sftp_key")
    sftp_inbox: str = _env("SFTP_INBOX", "outbound/cdr")
    spool_dir: str = _env("SPOOL_DIR", "spool")
    statements_dir: str = _env("STATEMENTS_DIR", "statements")
    esim_template_path: str = _env("ESIM_TEMPLATE_PATH", "config/esim_profile.json")

    cdr_stream: str = _env("CDR_STREAM", "cdr:events")
    cdr_group: str = _env("CDR_GROUP", "rating")
    home_plmn: str = _env("HOME_PLMN", "23415")
    low_balance_cents: int = int(_env("LOW_BALANCE_CENTS", "200"))
    ws_max_clients: int = int(_env("WS_MAX_CLIENTS", "500"))
    noc_token: str = _env("NOC_TOKEN", "")
    iccid_pepper: str = _env("ICCID_PEPPER", "")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
