"""OpenTelemetry handles: meters, tracers and the instruments a meter creates. Each process holds
its own and exports its own series to the collector, which adds them up; a per-process copy is
how they are meant to be used, not state that requests share."""
from __future__ import annotations

TELEMETRY_FACTORIES = frozenset({
    "get_meter", "get_tracer", "get_meter_provider", "get_tracer_provider", "MeterProvider", "TracerProvider",
    "create_counter", "create_up_down_counter", "create_histogram", "create_gauge",
    "create_observable_counter", "create_observable_gauge", "create_observable_up_down_counter",
})


def builds_telemetry_handle(call: str) -> bool:
    """`provider.get_meter("svc")`, `meter.create_histogram(...)`, `trace.get_tracer(__name__)`."""
    return call.rsplit(".", 1)[-1] in TELEMETRY_FACTORIES
