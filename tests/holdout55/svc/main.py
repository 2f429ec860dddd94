"""Application factory and lifespan wiring."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator

from fastapi import FastAPI

from svc.clients.githost import GitHostClient
from svc.clients.mailer import Mailer
from svc.clients.object_store import ObjectStore
from svc.clients.slack import SlackNotifier
from svc.config import configure_logging
from svc.db.engine import dispose_engine
from svc.redis_client import make_command_client, make_pubsub_client
from svc.routers import artifacts, health, jobs, orgs, pipelines, webhooks
from svc.services.artifacts import ArtifactService
from svc.services.builds import BuildService, EventBus
from svc.services.cache_service import CacheService
from svc.services.cancellation import CancellationService
from svc.services.lease_book import LeaseBook
from svc.services.log_stream import LogHub
from svc.services.notifications import Notifier
from svc.services.pipeline_parser import PipelineParser
from svc.services.pr_feedback import PullRequestFeedback
from svc.services.quota import QuotaService
from svc.services.runner_registry import RunnerRegistry
from svc.services.scheduler import Dispatcher
from svc.services.secrets import SecretInjector
from svc.services.status_checks import StatusReporter
from svc.services.webhook_service import WebhookService
from svc.workers.artifact_retention import run_retention
from svc.workers.cache_gc import run_cache_gc
from svc.workers.digest import run_digest_scheduler
from svc.workers.lease_reaper import run_lease_reaper
from svc.workers.status_sync import run_status_sync
from svc.workers.supervisor import supervise, supervise_with_backoff
from svc.ws import events_ws, log_ws, runner_ws, sse

logger = logging.getLogger(__name__)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    configure_logging()
    command_redis = make_command_client()
    pubsub_redis = make_pubsub_client()
    store = ObjectStore()
    await store.start()
    slack = SlackNotifier()
    await slack.start()
    githost = GitHostClient()

    registry = RunnerRegistry()
    lease_book = LeaseBook(registry)
    registry.leases = lease_book
    status = StatusReporter(githost)
    events = EventBus(command_redis)
    notifier = Notifier(slack, Mailer())
    quota = QuotaService(command_redis)
    log_hub = LogHub(command_redis)

    app.state.redis = command_redis
    app.state.redis_pubsub = pubsub_redis
    app.state.registry = registry
    app.state.lease_book = lease_book
    app.state.log_hub = log_hub
    app.state.quota = quota
    app.state.webhooks = WebhookService(githost, PipelineParser(), status, command_redis)
    app.state.builds = BuildService(notifier, status, events, PullRequestFeedback(githost))
    app.state.artifacts = ArtifactService(store)
    app.state.caches = CacheService(store, command_redis)
    app.state.cancellation = CancellationService(command_redis)

    stop = asyncio.Event()
    consumer = f"{socket.gethostname()}-{os.getpid()}"
    dispatcher = Dispatcher(registry, quota, SecretInjector())
    app.state.worker_tasks = {
        "dispatcher": asyncio.create_task(dispatcher.run(), name="dispatcher"),
        "log-relay": asyncio.create_task(
            supervise("log-relay", lambda: log_hub.relay_from_redis(pubsub_redis, stop)), name="log-relay"
        ),
        "lease-reaper": asyncio.create_task(run_lease_reaper(command_redis, lease_book, stop), name="lease-reaper"),
        "cache-gc": asyncio.create_task(run_cache_gc(command_redis, store, stop), name="cache-gc"),
        "retention": asyncio.create_task(run_retention(store, stop), name="retention"),
        "digest": asyncio.create_task(run_digest_scheduler(stop), name="digest"),
        "status-sync": asyncio.create_task(
            supervise_with_backoff("status-sync", lambda: run_status_sync(pubsub_redis, status, consumer, stop)),
            name="status-sync",
        ),
    }
    logger.info("ci orchestrator started as %s", consumer)
    try:
        yield
    finally:
        stop.set()
        for task in app.state.worker_tasks.values():
            task.cancel()
        await asyncio.gather(*app.state.worker_tasks.values(), return_exceptions=True)
        await githost.aclose()
        await slack.close()
        await store.close()
        await command_redis.aclose()
        await pubsub_redis.aclose()
        await dispose_engine()


def create_app() -> FastAPI:
    app = FastAPI(title="ci-orchestrator", lifespan=lifespan)
    for module in (webhooks, pipelines, jobs, artifacts, orgs, health):
        app.include_router(module.router)
    for module in (runner_ws, log_ws, events_ws, sse):
        app.include_router(module.router)
    return app


app = create_app()
