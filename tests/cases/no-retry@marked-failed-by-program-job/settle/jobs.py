"""Settlement uploads, run as a command-line job of the worker program."""
import logging

from .hub import HubClient
from .repo import FileRepo

log = logging.getLogger(__name__)


async def settle(repo: FileRepo, hub: HubClient) -> int:
    done = 0
    while True:
        claimed = await repo.claim_pending()
        if claimed is None:
            return done
        path = claimed["path"]
        try:
            receipt = await hub.upload(claimed["partner"], path)  # expect: no-retry
        except Exception:
            log.exception("upload of file %s failed", claimed["id"])
            await repo.mark(claimed["id"], "failed", str(path))
            continue
        await repo.mark(claimed["id"], "sent", receipt=receipt)
        done += 1


async def publish(repo: FileRepo, hub: HubClient) -> int:
    done = 0
    while True:
        claimed = await repo.claim_pending()
        if claimed is None:
            return done
        try:
            receipt = await hub.publish(claimed["partner"], claimed["content"])
        except Exception:
            log.exception("publish of file %s failed", claimed["id"])
            await repo.put_back(claimed["id"])
            continue
        await repo.mark(claimed["id"], "sent", receipt=receipt)
        done += 1
