"""Fleet telemetry ingestion service: device websockets, storage, alerting and reports."""

__version__ = "1.8.2"
