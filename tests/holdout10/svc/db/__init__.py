"""Database models and connections."""
