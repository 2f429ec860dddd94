"""Refreshes the catalog: each round handles the next model, reporting usage as it goes."""
from __future__ import annotations

import logging

from catalog.models import ModelServer

log = logging.getLogger(__name__)


async def describe(server: ModelServer, names: list[str]) -> list[dict]:
    found = [await server.details(name) for name in names]
    return [info for info in found if info]


async def refresh(server: ModelServer, names: list[str]) -> list[str]:
    done = []
    for i in range(len(names)):
        try:
            done.append(names[i].strip())
        except Exception as exc:
            log.error("model %s failed: %s", names[i], exc)
            raise
        finally:
            try:
                await server.report_usage(names[i], 0)
            except Exception as exc:
                log.warning("usage not reported: %s", exc)
    return done
