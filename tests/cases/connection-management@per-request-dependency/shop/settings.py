import os

LIMITS_URL = os.environ.get("LIMITS_URL", "redis://localhost:6379/1")
PG_DSN = os.environ.get("PG_DSN", "postgresql://shop@localhost/shop")
