"""HTTP routers. Each module exposes ``router``; ``main`` mounts them under /api/v1."""

from app.routes import admin, alerts, market, orders, positions

__all__ = ["admin", "alerts", "market", "orders", "positions"]
