"""Background workers, each run as `python -m zonekeep.workers.<name>` in its own deployment."""
