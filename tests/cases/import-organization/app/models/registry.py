"""Imported for its side effect: registering the ORM models."""
REGISTERED: list[str] = ["order"]
