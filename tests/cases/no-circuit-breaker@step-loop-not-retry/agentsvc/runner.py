"""An agent's step loop: each round is a new step, not another attempt at the same call."""
from __future__ import annotations

import logging

from agentsvc.hooks import Scorer, StepHooks

log = logging.getLogger(__name__)


class StepRunner:
    def __init__(self) -> None:
        self.hooks = StepHooks()
        self.scorer = Scorer()

    async def run(self, steps: list[str]) -> float:
        total = 0.0
        for i in range(len(steps)):
            try:
                total += await self.scorer.score(steps[i])
                await self.hooks.step_done(steps[i])
            except Exception as exc:
                log.error("step %s failed: %s", i, exc)
                raise
            finally:
                try:
                    await self.hooks.audit(steps[i])
                except Exception as exc:
                    log.warning("audit failed: %s", exc)
        return total
