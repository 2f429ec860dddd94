"""Background workers, run as `python -m deskhub.workers <name> [<name> ...]`."""
