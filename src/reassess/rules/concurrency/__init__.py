"""Concurrency rules: blocking work on the event loop, deadlocks, races, backpressure and
websocket lifecycle (RA301-RA329)."""
