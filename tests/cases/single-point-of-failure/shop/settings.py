"""Addresses of the stores the shop talks to."""
import os

DATABASE_URL = "postgresql://shop:shop@db.internal:5432/shop"
# Orders live on a replicated cluster: libpq-style multi-host DSN, always the primary.
ORDERS_DSN = (
    "postgresql://orders@pg-1.internal:5432,pg-2.internal:5432/orders"
    "?target_session_attrs=read-write"
)
INVENTORY_DSN = "postgresql://inventory@inventory-db.internal:5432/inventory"
REPORTS_DSN = "postgresql://reports@warehouse.internal:5432/reports"

SESSION_REDIS_URL = "redis://sessions.internal:6379/0"
CACHE_REDIS_URL = "redis://cache.internal:6379/1"
RATE_LIMIT_REDIS_HOST = os.getenv("RATE_LIMIT_REDIS_HOST")

SESSION_TTL_SECONDS = 3600
CATALOG_TTL_SECONDS = 300
REQUESTS_PER_MINUTE = 120
