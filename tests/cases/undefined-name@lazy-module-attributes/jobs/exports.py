from __future__ import annotations

__all__ = ["run_job", "cancel_job"]  # expect: undefined-name


def run_job(name: str) -> str:
    return f"running {name}"
