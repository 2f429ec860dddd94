from prometheus_client import Counter, Gauge, Histogram

MESSAGES_SENT = Counter("mailroom_messages_sent_total", "Messages accepted by a provider", ["provider"])
MESSAGES_FAILED = Counter("mailroom_messages_failed_total", "Messages rejected or errored", ["provider", "reason"])
PROVIDER_LATENCY = Histogram(
    "mailroom_provider_latency_seconds",
    "Provider API latency",
    ["provider"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10),
)
WEBHOOK_EVENTS = Counter("mailroom_webhook_events_total", "Inbound provider events", ["kind"])
WS_CONNECTIONS = Gauge("mailroom_ws_connections", "Open progress websockets")
SCHEDULER_TICKS = Counter("mailroom_scheduler_ticks_total", "Scheduler loop iterations")
QUOTA_REJECTIONS = Counter("mailroom_quota_rejections_total", "Sends refused by quota", ["tenant"])
