from __future__ import annotations

from shop.engine import drive, handle_signals


def run_batch(name: str) -> object:
    with handle_signals(name):
        return drive(name.upper())
