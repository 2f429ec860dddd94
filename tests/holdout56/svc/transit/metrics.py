"""Prometheus metrics shared across the service."""
from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

FEED_POLLS = Counter("transit_feed_polls_total", "Feed polls", ["operator", "kind", "outcome"])
FEED_LAG = Gauge("transit_feed_lag_seconds", "Age of the newest feed header", ["operator", "kind"])
FEED_ENTITIES = Counter("transit_feed_entities_total", "Entities ingested", ["operator", "kind"])
WS_CLIENTS = Gauge("transit_ws_clients", "Connected websocket clients", ["stream"])
CACHE_ERRORS = Counter("transit_cache_errors_total", "Redis errors by operation", ["op"])
ROUTING_LATENCY = Histogram("transit_routing_seconds", "Routing engine latency")
NOTIFICATIONS = Counter("transit_notifications_total", "Notifications sent", ["channel", "outcome"])
