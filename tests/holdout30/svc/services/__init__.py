"""Domain services."""
