"""Runtime configuration, read once from the environment."""
from __future__ import annotations

import logging
import sys
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REMIT_", env_file=".env")

    env: str = "dev"
    database_url: str = "postgresql+asyncpg://remit:remit@localhost:5432/remit"
    raw_dsn: str = "postgresql://remit:remit@localhost:5432/remit"
    redis_url: str = "redis://localhost:6379/0"

    db_pool_size: int = 20
    db_max_overflow: int = 10
    raw_pool_min: int = 2
    raw_pool_max: int = 10

    fx_alpha_url: str = "https://api.alpha-liquidity.example/v2"
    fx_alpha_client_id: str = ""
    fx_alpha_client_secret: str = ""
    fx_beta_url: str = "https://fx.betamarkets.example"
    fx_beta_api_key: str = ""
    quote_ttl_seconds: int = 30

    screening_url: str = "https://screen.example/api"
    screening_api_key: str = ""
    screening_threshold: float = 0.85

    card_processor_url: str = "https://api.cardproc.example"
    card_processor_key: str = ""
    card_webhook_secret: str = ""

    bank_partner_url: str = "https://payouts.bankrail.example"
    wallet_partner_url: str = "https://api.mobiwallet.example"
    cash_partner_url: str = "https://cash.pickupnet.example"
    partner_api_key: str = ""

    document_bucket: str = "remit-kyc-documents"
    report_dir: Path = Path("data/reports")
    receipt_template_dir: Path = Path(__file__).parent / "templates"
    recon_inbox: Path = Path("data/recon/inbox")
    report_hour: int = 2
    regulator_url: str = "https://filings.regulator.example"

    ops_ws_token_audience: str = "ops-desk"
    jwt_secret: str = Field(default="change-me")
    rate_limit_per_minute: int = 30


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
