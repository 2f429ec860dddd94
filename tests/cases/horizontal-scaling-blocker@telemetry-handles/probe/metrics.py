"""Metrics set up on first use; every process exports its own series."""
from opentelemetry import metrics

_meter = None
_latency = None
_pricing_plan = None  # expect: horizontal-scaling-blocker


def setup_metrics() -> None:
    global _meter, _latency
    _meter = metrics.get_meter("probe")
    _latency = _meter.create_histogram("probe.latency")


def record(ms: float) -> None:
    if _latency is not None:
        _latency.record(ms)


def _load_plan(plan: str) -> dict:
    return {"name": plan, "limit": 100 if plan == "free" else 10_000}


def set_plan(plan: str) -> None:
    global _pricing_plan
    _pricing_plan = _load_plan(plan)


def current_plan() -> str:
    return _pricing_plan.get("name", "free") if _pricing_plan else "free"
