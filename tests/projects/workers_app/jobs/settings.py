import os

REDIS_URL = os.getenv("REDIS_URL", "redis://cache:6379/0")
BILLING_URL = os.getenv("BILLING_API_URL", "https://billing.example.com")
POLL_SECONDS = float(os.getenv("POLL_SECONDS", "5"))
