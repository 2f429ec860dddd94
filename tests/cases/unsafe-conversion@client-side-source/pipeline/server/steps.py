"""Pipeline steps saved through the API and run by the server, one class per step kind."""
from __future__ import annotations

from typing import Any


class Step:
    def __init__(self, body: str) -> None:
        self.body = body

    def run(self, context: dict[str, Any]) -> dict[str, Any]:
        raise NotImplementedError


class EchoStep(Step):
    def run(self, context: dict[str, Any]) -> dict[str, Any]:
        return {"echo": self.body.format(**context)}


class CodeStep(Step):
    def run(self, context: dict[str, Any]) -> dict[str, Any]:
        scope = dict(context)
        exec(self.body, {}, scope)  # expect: unsafe-conversion
        return scope


STEPS: dict[str, type[Step]] = {"echo": EchoStep, "code": CodeStep}


def build(kind: str, body: str) -> Step:
    return STEPS[kind](body)
