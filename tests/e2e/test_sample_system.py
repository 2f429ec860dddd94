"""The sample backend's application model, checked against its code by hand: every route with
its full prefixed path and method, the websocket endpoints, the workers and the resources."""
from __future__ import annotations

import pytest

from conftest import SAMPLE
from reassess.cache import Cache
from reassess.config import load_config
from reassess.discovery import discover
from reassess.model.project import ProjectModel
from reassess.pipeline import _analyse_files, _noop, _read_files

ROUTES = {
    ("GET", "/health", "app.main.health", "event-loop"),
    ("GET", "/ready", "app.main.ready", "event-loop"),
    ("POST", "/api/v1/orders", "app.routes.orders.submit_order", "event-loop"),
    ("GET", "/api/v1/orders", "app.routes.orders.list_orders", "event-loop"),
    ("GET", "/api/v1/orders/history", "app.routes.orders.order_history", "event-loop"),
    ("GET", "/api/v1/orders/types", "app.routes.orders.order_types", "threadpool"),
    ("GET", "/api/v1/orders/{order_id}", "app.routes.orders.get_order", "event-loop"),
    ("DELETE", "/api/v1/orders/{order_id}", "app.routes.orders.cancel_order", "event-loop"),
    ("POST", "/api/v1/orders/{order_id}/fills", "app.routes.orders.report_fill", "event-loop"),
    ("GET", "/api/v1/positions", "app.routes.positions.list_positions", "event-loop"),
    ("GET", "/api/v1/positions/summary", "app.routes.positions.portfolio_summary", "event-loop"),
    ("GET", "/api/v1/positions/summary/cached", "app.routes.positions.cached_summary", "threadpool"),
    ("POST", "/api/v1/positions/rebalance", "app.routes.positions.propose_rebalance", "event-loop"),
    ("POST", "/api/v1/positions/{symbol}/close", "app.routes.positions.close_position", "event-loop"),
    ("GET", "/api/v1/market/quotes/{symbol}", "app.routes.market.get_quote", "event-loop"),
    ("GET", "/api/v1/market/quotes", "app.routes.market.get_quotes", "event-loop"),
    ("GET", "/api/v1/market/instruments/search", "app.routes.market.search_instruments", "event-loop"),
    ("GET", "/api/v1/market/instruments/autocomplete", "app.routes.market.autocomplete", "event-loop"),
    ("GET", "/api/v1/market/instruments/{symbol}/meta", "app.routes.market.instrument_meta", "event-loop"),
    ("GET", "/api/v1/market/candles/{symbol}", "app.routes.market.candles", "event-loop"),
    ("GET", "/api/v1/market/fx/{pair}", "app.routes.market.fx_rate", "event-loop"),
    ("GET", "/api/v1/market/hours", "app.routes.market.market_hours", "threadpool"),
    ("GET", "/api/v1/alerts", "app.routes.alerts.list_alerts", "event-loop"),
    ("POST", "/api/v1/alerts", "app.routes.alerts.create_alert", "event-loop"),
    ("DELETE", "/api/v1/alerts/{alert_id}", "app.routes.alerts.delete_alert", "event-loop"),
    ("GET", "/api/v1/admin/stats", "app.routes.admin.stats", "event-loop"),
    ("GET", "/api/v1/admin/users/by-email/{email}", "app.routes.admin.user_by_email", "event-loop"),
    ("POST", "/api/v1/admin/users/{user_id}/deactivate", "app.routes.admin.deactivate_user", "event-loop"),
    ("POST", "/api/v1/admin/users/{user_id}/credit", "app.routes.admin.credit_user", "event-loop"),
    ("POST", "/api/v1/admin/risk/reload", "app.routes.admin.reload_risk_limits", "event-loop"),
    ("GET", "/api/v1/admin/audit/export", "app.routes.admin.export_audit", "event-loop"),
    ("POST", "/api/v1/admin/orders/archive", "app.routes.admin.archive_orders", "event-loop"),
    ("POST", "/api/v1/admin/broadcast", "app.routes.admin.broadcast", "event-loop"),
    ("GET", "/api/v1/admin/webhook/check", "app.routes.admin.check_webhook", "threadpool"),
    # admin.router includes alerts.admin_router: /api/v1 + /admin + /alerts
    ("GET", "/api/v1/admin/alerts/instrument/{symbol}", "app.routes.alerts.alerts_for_instrument", "event-loop"),
    ("POST", "/api/v1/admin/alerts/archive", "app.routes.alerts.archive_alerts", "event-loop"),
}
WEBSOCKETS = {("/ws/prices", "app.websocket.prices_ws.prices_socket"),
              ("/ws/orders", "app.websocket.orders_ws.orders_socket")}
WORKERS = {  # started in the lifespan (app/main.py:58-62) and by AlertWorker.run (alert_worker.py:50)
    "app.workers.price_poller.PricePoller.run", "app.workers.order_cleanup_worker.OrderCleanupWorker.run",
    "app.websocket.prices_ws.broadcast_prices", "app.websocket.orders_ws.relay_order_updates",
    "app.workers.alert_worker.AlertWorker.run", "app.workers.alert_worker.AlertWorker._dispatch_loop",
}
RESOURCES = {
    ("database", "asyncpg", "asyncpg.create_pool", "app/database.py", 33),
    ("cache", "redis", "redis.asyncio.from_url", "app/main.py", 42),
    ("http-client", "httpx", "httpx.AsyncClient", "app/services/ticker_client.py", 27),
    ("http-client", "httpx", "httpx.AsyncClient", "app/services/ticker_client.py", 28),
    ("http-client", "requests", "requests.post", "app/services/notifier.py", 51),
    ("http-client", "requests", "requests.post", "app/services/notifier.py", 71),
    ("http-client", "requests", "requests.get", "app/routes/admin.py", 111),
}


@pytest.fixture(scope="module")
def app():
    config = load_config(SAMPLE)
    sources, _ = _read_files(config, discover(config).files)
    results = _analyse_files(config, sources, Cache(None, "", enabled=False), _noop)
    return ProjectModel([r.facts for r in results if r.facts], sources, config.root).app


def test_routes(app) -> None:
    found = {(m, e.route, e.function, e.runs_in) for e in app.of_kind("http") for m in e.methods}
    assert found == ROUTES


def test_websockets(app) -> None:
    assert {(e.route, e.function) for e in app.of_kind("websocket")} == WEBSOCKETS


def test_workers(app) -> None:
    assert {e.function for e in app.of_kind("worker")} == WORKERS


def test_resources(app) -> None:
    assert {(r.kind, r.library, r.factory, r.path, r.line) for r in app.resources} == RESOURCES


def test_asyncpg_timeout_is_recorded_as_written(app) -> None:
    pool = next(r for r in app.resources if r.library == "asyncpg")
    assert pool.config["timeout"] == 10  # create_pool(timeout=10): the connect timeout
