"""Background workers and schedulers."""
