from __future__ import annotations

import logging
from datetime import date, timedelta

from ..clients import refdata
from ..repositories import corp_actions as ca_repo
from ..services.corp_actions import process_action
from ..utils.locks import LockNotAcquired, distributed_lock

log = logging.getLogger(__name__)


async def run_corporate_actions() -> None:
    today = date.today()
    try:
        async with distributed_lock(f"corp-actions:{today.isoformat()}", ttl_seconds=1800):
            actions = await refdata.fetch_corporate_actions((today - timedelta(days=7)).isoformat())
            await ca_repo.upsert_actions(actions)
            for action in await ca_repo.due_actions(today):
                try:
                    await process_action(action)
                except Exception:
                    log.exception("corporate action %s failed; will retry next run", action["id"])
    except LockNotAcquired:
        log.info("corporate actions already being processed by another replica")
