from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

WEBHOOKS_RECEIVED = Counter("loyalty_pos_webhooks_total", "POS webhooks received", ["outcome"])
POINTS_AWARDED = Counter("loyalty_points_awarded_total", "Points awarded", ["source"])
REDEMPTIONS = Counter("loyalty_redemptions_total", "Redemptions", ["outcome"])
OUTBOUND_LATENCY = Histogram(
    "loyalty_outbound_seconds", "Latency of outbound HTTP calls", ["service", "operation"]
)
OUTBOUND_ERRORS = Counter("loyalty_outbound_errors_total", "Outbound call failures", ["service"])
WS_CONNECTIONS = Gauge("loyalty_ws_connections", "Open websocket connections", ["channel"])
EXPIRED_POINTS = Counter("loyalty_points_expired_total", "Points expired by the batch job")
JOB_DURATION = Histogram("loyalty_job_seconds", "Background job duration", ["job"])
