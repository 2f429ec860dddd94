"""Stopping job processes on every platform."""
from __future__ import annotations

import os
import signal
import sys


def kill(pid: int) -> None:
    if sys.platform == "win32":
        try:
            os.kill(pid, signal.CTRL_BREAK_EVENT)
        except (ProcessLookupError, WindowsError):
            raise RuntimeError(f"no process {pid}")
    else:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            raise RuntimeError(f"no process {pid}")


def interrupt(pid: int) -> None:
    if os.name != "nt":
        os.kill(pid, signal.SIGINT)
    else:
        try:
            os.kill(pid, signal.CTRL_C_EVENT)
        except WindowsError:
            pass


def stop(pid: int) -> bool:
    try:
        os.kill(pid, signal.SIGTERM)
    except WindowsError:  # expect: undefined-name
        return False
    return True
