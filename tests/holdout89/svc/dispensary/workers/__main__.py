"""python -m dispensary.workers <claims|reorder|expiry|refills>"""
from __future__ import annotations

import asyncio
import sys

from dispensary.workers.claim_reconciler import ClaimReconciler
from dispensary.workers.expiry_sweep import ExpirySweep
from dispensary.workers.refill_reminders import RefillReminderJob
from dispensary.workers.reorder import ReorderWorker
from dispensary.workers.runner import run_worker

WORKERS = {
    "claims": (lambda c: ClaimReconciler(c).run_once, 300.0),
    "reorder": (lambda c: ReorderWorker(c).run_once, 900.0),
    "expiry": (lambda c: ExpirySweep(c).run_once, 3600.0),
    "refills": (lambda c: RefillReminderJob(c).run_once, 600.0),
}


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[1] not in WORKERS:
        print(f"usage: python -m dispensary.workers {{{'|'.join(WORKERS)}}}", file=sys.stderr)
        return 2
    factory, interval = WORKERS[argv[1]]
    asyncio.run(run_worker(argv[1], factory, interval))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
