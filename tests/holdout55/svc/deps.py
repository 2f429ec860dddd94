"""Dependency accessors for objects built in the lifespan."""
from __future__ import annotations

from fastapi import Request

from svc.services.artifacts import ArtifactService
from svc.services.builds import BuildService
from svc.services.cache_service import CacheService
from svc.services.cancellation import CancellationService
from svc.services.log_stream import LogHub
from svc.services.quota import QuotaService
from svc.services.runner_registry import RunnerRegistry
from svc.services.webhook_service import WebhookService


def webhook_service(request: Request) -> WebhookService:
    return request.app.state.webhooks


def build_service(request: Request) -> BuildService:
    return request.app.state.builds


def artifact_service(request: Request) -> ArtifactService:
    return request.app.state.artifacts


def cancellation_service(request: Request) -> CancellationService:
    return request.app.state.cancellation


def quota_service(request: Request) -> QuotaService:
    return request.app.state.quota


def cache_service(request: Request) -> CacheService:
    return request.app.state.caches


def log_hub(request: Request) -> LogHub:
    return request.app.state.log_hub


def runner_registry(request: Request) -> RunnerRegistry:
    return request.app.state.registry
