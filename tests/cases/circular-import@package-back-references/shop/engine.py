"""Runs one order batch; `python -m shop.engine BATCH` starts it from a subprocess."""
from __future__ import annotations

import contextlib
import sys


@contextlib.contextmanager
def handle_signals(batch: str):
    try:
        yield
    finally:
        print("batch", batch, "done")


def drive(result: object) -> object:
    return result


if __name__ == "__main__":
    with handle_signals(sys.argv[1]):
        from shop.batch import run_batch

        drive(run_batch(sys.argv[1]))
