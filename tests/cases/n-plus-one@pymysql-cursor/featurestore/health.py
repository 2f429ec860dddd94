"""Waits for the worker servers it started, one per port."""
from __future__ import annotations

import time

import httpx


def wait_until_ready(ports: list[int]) -> None:
    """Look-alike: each port is another server; nothing could answer for all of them at once."""
    for port in ports:
        for _ in range(50):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)


def fetch_profiles(base: str, user_ids: list[int]) -> list[dict]:
    return [httpx.get(f"http://{base}/users/{uid}", timeout=5).json() for uid in user_ids]  # expect: n-plus-one
