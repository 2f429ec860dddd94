"""Stay platform backend."""
