"""Rules about type hints: missing annotations, `Any` in public APIs, returns of mixed kinds."""
