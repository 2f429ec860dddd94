"""Worker process entry point: `python -m svc.workers.runner`."""
from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from svc.clients.node_client import BitcoinNodeClient, EthereumNodeClient
from svc.clients.price_client import PriceClient
from svc.clients.signer_client import SignerClient
from svc.clients.webhook_client import WebhookClient
from svc.config import get_settings
from svc.db import pg
from svc.db.engine import dispose_engine, init_engine
from svc.redis_client import close_redis, init_redis
from svc.repositories.deposits import DepositRepository
from svc.repositories.ledger import LedgerRepository
from svc.services.deposit_service import DepositService
from svc.services.ledger_service import LedgerService
from svc.services.notification_service import NotificationService
from svc.services.reconciliation_service import ReconciliationService
from svc.services.signer_service import SignerService
from svc.utils.observability import WORKER_ERRORS, configure_logging
from svc.workers.confirmations import ConfirmationWorker
from svc.workers.deposit_poller import DepositPoller
from svc.workers.price_refresher import PriceRefresher
from svc.workers.reconciler import Reconciler
from svc.workers.sweeper import Sweeper
from svc.workers.withdrawal_dispatcher import WithdrawalDispatcher

log = logging.getLogger(__name__)


async def supervise(name: str, factory: Callable[[], Awaitable[None]], max_backoff: float = 60.0) -> None:
    backoff = 1.0
    while True:
        try:
            await factory()
            log.warning("worker %s returned; restarting", name)
        except asyncio.CancelledError:
            raise
        except Exception:
            WORKER_ERRORS.labels(name).inc()
            log.exception("worker %s crashed; restarting in %.0fs", name, backoff)
        await asyncio.sleep(backoff)
        backoff = min(backoff * 2, max_backoff)


async def main() -> None:
    settings = get_settings()
    configure_logging()
    init_engine(settings)
    pool = await pg.open_pool(settings)
    redis_client = init_redis(settings)

    btc = BitcoinNodeClient(settings.node_urls["btc"])
    eth = EthereumNodeClient(settings.node_urls["eth"])
    nodes = {"btc": btc, "eth": eth}
    signer_client = SignerClient(settings)
    await signer_client.start()
    prices = PriceClient(settings)

    notifier = NotificationService(redis_client, WebhookClient(settings.webhook_signing_secret))
    ledger_repo = LedgerRepository(pool)
    ledger = LedgerService(ledger_repo, notifier)
    deposit_repo = DepositRepository(pool)
    deposit_service = DepositService(deposit_repo, ledger, notifier)

    workers = [
        DepositPoller("btc", btc, deposit_service, settings.poll_interval_s),
        DepositPoller("eth", eth, deposit_service, settings.poll_interval_s),
        ConfirmationWorker(deposit_repo, deposit_service, nodes, settings),
        Sweeper(deposit_repo, signer_client, nodes, ledger, settings),
        WithdrawalDispatcher(redis_client, SignerService(signer_client, eth, settings), nodes, ledger, notifier, settings),
        PriceRefresher(prices, redis_client, notifier),
    ]
    tasks = [asyncio.create_task(supervise(w.name, w.run), name=w.name) for w in workers]

    async def recent_txs(chain: str) -> list[dict]:
        return []

    reconciler = Reconciler(
        ReconciliationService(ledger_repo, nodes, settings.hot_wallet_ids), recent_txs, settings.reconcile_interval_s
    )
    tasks.append(asyncio.create_task(reconciler.run(), name="reconciler"))

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()

    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await signer_client.close()
    await prices.aclose()
    await btc.aclose()
    await eth.aclose()
    await close_redis()
    await pg.close_pool()
    await dispose_engine()


if __name__ == "__main__":
    asyncio.run(main())
