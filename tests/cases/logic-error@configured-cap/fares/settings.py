from dataclasses import dataclass


@dataclass
class Settings:
    max_billable_minutes: int = 240
    max_page_size: int = 200
    min_fare_cents: int = 100
    max_retries: int = 3


def get_settings() -> Settings:
    return Settings()
