"""Persistence: ORM models, engines and repositories."""
