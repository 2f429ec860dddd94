"""Background workers. Run one per process: python -m spendlens.workers <name>."""
