"""Database models, pools and repositories."""
