"""Background jobs, run as ``python -m binroute.workers <job>``."""
