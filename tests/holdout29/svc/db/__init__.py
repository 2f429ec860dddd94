"""Database engine, pools and ORM models."""
