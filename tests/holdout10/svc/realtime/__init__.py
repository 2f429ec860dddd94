"""Live status fan-out."""
