"""Database pools, engines and ORM models."""
