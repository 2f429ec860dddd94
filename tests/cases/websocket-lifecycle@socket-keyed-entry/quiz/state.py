"""Per-connection answers and heartbeats, kept beside the hub."""
answers: dict[int, list[str]] = {}
