from __future__ import annotations

import functools
import re
from typing import NamedTuple

_TOPIC_RE = re.compile(
    r"^fleet/(?P<site>[^/]+)/(?P<device>[^/]+)/(?P<kind>telemetry|events|shadow/reported|cmd/ack|connect)$"
)

METRIC_UNITS = {
    "temp_c": "celsius",
    "humidity": "percent",
    "battery_mv": "millivolt",
    "rssi": "dBm",
    "uptime_s": "second",
}


class TopicParts(NamedTuple):
    site_id: str
    device_id: str
    kind: str


@functools.cache
def parse_topic(topic: str) -> TopicParts | None:
    match = _TOPIC_RE.match(topic)
    if match is None:
        return None
    return TopicParts(match["site"], match["device"], match["kind"])


@functools.lru_cache(maxsize=128)
def metric_unit(metric: str) -> str:
    return METRIC_UNITS.get(metric.split(".", 1)[0], "unknown")


def command_topic(site_id: str, device_id: str) -> str:
    return f"fleet/{site_id}/{device_id}/cmd"


def ota_topic(site_id: str, device_id: str) -> str:
    return f"fleet/{site_id}/{device_id}/ota"
