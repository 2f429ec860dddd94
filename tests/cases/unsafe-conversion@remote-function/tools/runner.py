"""Runs user-written tool code: in a Modal container, or (the old way) in this process."""
from __future__ import annotations

import modal


def run_in_process(source: str, name: str) -> object:
    namespace: dict = {}
    exec(source, namespace)  # expect: unsafe-conversion
    return namespace[name]()


def build_remote(source_name: str, packages: list[str]):
    sandbox = modal.App(f"tool-{source_name}")

    @sandbox.function(image=modal.Image.debian_slim().pip_install(packages), timeout=10)
    def run_remote(source: str, name: str) -> object:
        """Runs in the Modal container built for it, not in the API process."""
        namespace: dict = {}
        exec(source, namespace)
        return namespace[name]()

    return sandbox, run_remote
