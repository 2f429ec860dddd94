from prometheus_client import Counter, Gauge, Histogram

CLOCK_EVENTS = Counter("clock_events_total", "Clock-in/out events", ["source", "direction"])
PAYRUN_DURATION = Histogram("payrun_duration_seconds", "Pay run computation time")
PAYRUN_FAILURES = Counter("payrun_failures_total", "Failed pay runs")
WS_CONNECTIONS = Gauge("ws_manager_connections", "Open manager websocket connections")
TAX_CALLS = Counter("tax_service_calls_total", "Calls to the tax table service", ["outcome"])
PAYOUT_SUBMISSIONS = Counter("payout_submissions_total", "Bank payout submissions", ["outcome"])
HR_SYNC_RECORDS = Counter("hr_sync_records_total", "Employees received from HR", ["action"])
