"""Fleet telemetry backend."""
