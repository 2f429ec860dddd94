"""RA505 on its case project: severity follows what the code proves about the address and the
connection, the entry points are counted and cited, and the stores checked are recorded."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import assess

CASE = Path(__file__).parent / "cases" / "single-point-of-failure"


@pytest.fixture(scope="module")
def result():
    return assess(CASE)


def _finding(result, path: str):
    return next(f for f in result.findings if f.rule == "RA505" and f.location.path == path)


def test_severity_follows_address_and_connection(result) -> None:
    assert _finding(result, "shop/sessions.py").severity == "MEDIUM"  # literal URL, pooled client
    assert _finding(result, "shop/ratelimit.py").severity == "LOW"  # host from the environment
    assert _finding(result, "shop/stock_feed.py").severity == "HIGH"  # one connection, websocket path


def test_entry_points_are_counted_and_cited(result) -> None:
    sessions = _finding(result, "shop/sessions.py")
    assert sessions.title.endswith("for 4 routes")
    related = {loc.path for loc in sessions.related_locations}
    assert {"shop/routes/auth.py", "shop/routes/products.py"} <= related
    assert any("Depends(current_user)" in loc.note for loc in sessions.related_locations)
    billing = _finding(result, "billing/idempotency.py")
    assert all("middleware `idempotency`" in loc.note for loc in billing.related_locations
               if loc.path == "billing/main.py")


def test_recommendation_uses_the_cited_names(result) -> None:
    sessions = _finding(result, "shop/sessions.py")
    assert 'self._redis = sentinel.master_for("sessions", socket_timeout=2, decode_responses=True)' in \
        sessions.recommendation
    pool = _finding(result, "shop/db.py")
    assert "shop@db.internal:5432,<standby-host>:5432/shop" in pool.recommendation
    assert "shop:shop@" not in pool.recommendation + pool.description  # credentials never shown


def test_stores_examined(result) -> None:
    # shop: 4 PostgreSQL and 3 Redis addresses; chat 1; billing 1 (pool and client: one address);
    # analytics 2 (the SQLite file is not a store to fail over); notify 1
    assert result.examined["stores"] == 12
