"""Settings read once at import time."""
import os

HTTP_TIMEOUT = float(os.getenv("HTTP_TIMEOUT", "10"))
LEGACY_TIMEOUT = None


class Settings:
    def __init__(self) -> None:
        self.webhook_url = os.getenv("WEBHOOK_URL", "https://hooks.example.com/in")
        self.webhook_timeout = HTTP_TIMEOUT
        self.redis_url = os.getenv("REDIS_URL", "redis://localhost:6379/0")


settings = Settings()
