"""Background workers. Run one with: python -m heartline.workers <name>."""
