from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional
from uuid import UUID

import asyncpg
import structlog
from jinja2 import StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment
from redis.asyncio import Redis

from pulsewatch.clients.email import EmailClient, EmailMessage
from pulsewatch.clients.slack import SlackClient
from pulsewatch.clients.sms import SmsClient
from pulsewatch.clients.webhooks import WebhookDeliverer
from pulsewatch.config import Settings
from pulsewatch.errors import CircuitOpen, DeliveryFailed, QuotaExceeded
from pulsewatch.repositories.alerts import AlertRepository
from pulsewatch.repositories.users import UserRepository
from pulsewatch.services.oncall import OncallService
from pulsewatch.services.usage import UsageService

log = structlog.get_logger(__name__)

DEFAULT_SUBJECT = "[{{ status | upper }}] {{ monitor_name }}"
DEFAULT_BODY = (
    "{{ monitor_name }} is {{ status }} since {{ started_at }}.\n"
    "Target: {{ target }}\n"
    "{% if error %}Last error: {{ error }}\n{% endif %}"
    "Failing regions: {{ regions | join(', ') }}\n"
    "{{ url }}"
)


class TemplateRenderer:
    """Renders per-organisation notification templates in a sandbox."""

    def __init__(self) -> None:
        self._env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
        self._compiled: dict[str, Template] = {}

    def _compile(self, source: str) -> Template:
        template = self._compiled.get(source)
        if template is None:
            template = self._env.from_string(source)
            self._compiled[source] = template
        return template

    def render(self, source: str | None, context: dict[str, Any], *, default: str) -> str:
        return self._compile(source or default).render(**context)

    def subject(self, org_config: dict[str, Any], context: dict[str, Any]) -> str:
        return self.render(org_config.get("subject_template"), context, default=DEFAULT_SUBJECT)

    def body(self, org_config: dict[str, Any], context: dict[str, Any]) -> str:
        return self.render(org_config.get("body_template"), context, default=DEFAULT_BODY)


@dataclass(slots=True)
class AlertContext:
    incident_id: UUID
    org_id: UUID
    monitor_name: str
    target: str
    status: str
    started_at: str
    error: Optional[str]
    regions: list[str]

    def as_template_vars(self, url: str) -> dict[str, Any]:
        return {
            "monitor_name": self.monitor_name,
            "target": self.target,
            "status": self.status,
            "started_at": self.started_at,
            "error": self.error,
            "regions": self.regions,
            "url": url,
        }


class AlertRouter:
    def __init__(
        self,
        settings: Settings,
        alerts: AlertRepository,
        users: UserRepository,
        oncall: OncallService,
        usage: UsageService,
        redis: Redis,
        email: EmailClient,
        sms: SmsClient,
        slack: SlackClient,
        webhooks: WebhookDeliverer,
        templates: TemplateRenderer,
    ) -> None:
        self._settings = settings
        self._alerts = alerts
        self._users = users
        self._oncall = oncall
        self._usage = usage
        self._redis = redis
        self._email = email
        self._sms = sms
        self._slack = slack
        self._webhooks = webhooks
        self._templates = templates

    def _incident_url(self, incident_id: UUID) -> str:
        return f"{self._settings.api_base_url.replace('api.', 'app.')}/incidents/{incident_id}"

    async def _first_delivery(self, incident_id: UUID, step: int, target: str) -> bool:
        key = f"pw:alert-sent:{incident_id}:{step}:{target}"
        return bool(await self._redis.set(key, "1", nx=True, ex=6 * 3600))

    async def route_step(self, policy: asyncpg.Record, step_index: int, ctx: AlertContext) -> int:
        steps = policy["steps"]
        if not steps:
            return 0
        step = steps[step_index % len(steps)]
        delivered = 0

        channels = []
        for channel_id in step.get("channel_ids", []):
            channel = await self._alerts.get_channel(UUID(channel_id))
            if channel is not None and channel["org_id"] == ctx.org_id:
                channels.append(channel)

        for channel in channels:
            if not await self._first_delivery(ctx.incident_id, step_index, str(channel["id"])):
                continue
            try:
                await self._deliver_channel(channel, ctx)
                await self._alerts.record_delivery(channel["id"], ctx.incident_id, step_index, "sent")
                delivered += 1
            except (DeliveryFailed, CircuitOpen, QuotaExceeded) as exc:
                log.warning("alert.delivery_failed", channel_id=str(channel["id"]), error=exc.message)
                await self._alerts.record_delivery(channel["id"], ctx.incident_id, step_index, "failed", exc.message)

        schedule_ids = [UUID(s) for s in step.get("schedule_ids", [])]
        if schedule_ids:
            user_ids = await self._oncall.on_call_user_ids(ctx.org_id, schedule_ids)
            for user in await self._users.get_many(user_ids):
                if not await self._first_delivery(ctx.incident_id, step_index, f"user:{user['id']}"):
                    continue
                delivered += await self._page_user(user, ctx)
        return delivered

    async def _deliver_channel(self, channel: asyncpg.Record, ctx: AlertContext) -> None:
        url = self._incident_url(ctx.incident_id)
        config = channel["config"] or {}
        variables = ctx.as_template_vars(url)
        kind = channel["kind"]
        if kind == "email":
            await self._email.send(
                EmailMessage(
                    to=channel["target"],
                    subject=self._templates.subject(config, variables),
                    text=self._templates.body(config, variables),
                    tags=["alert"],
                )
            )
        elif kind == "slack":
            await self._slack.post_message(
                config["bot_token"], channel["target"], self._templates.subject(config, variables), ctx.status, url, ctx.error
            )
        elif kind == "webhook":
            await self._webhooks.deliver(channel["target"], config.get("secret", ""), f"incident.{ctx.status}", variables)
        elif kind == "sms":
            await self._usage.reserve_sms(ctx.org_id)
            await self._sms.send_sms(channel["target"], self._templates.subject(config, variables))
        else:
            raise DeliveryFailed(f"unsupported channel kind {kind}")

    async def _page_user(self, user: asyncpg.Record, ctx: AlertContext) -> int:
        url = self._incident_url(ctx.incident_id)
        subject = f"[PAGE] {ctx.monitor_name} is {ctx.status}"
        sent = 0
        try:
            await self._email.send(EmailMessage(to=user["email"], subject=subject, text=f"{subject}\n{url}", tags=["page"]))
            sent += 1
        except (DeliveryFailed, CircuitOpen) as exc:
            log.warning("page.email_failed", user_id=str(user["id"]), error=exc.message)
        if user["phone"]:
            try:
                await self._usage.reserve_sms(ctx.org_id)
                await self._sms.send_sms(user["phone"], f"{subject} {url}")
                sent += 1
            except (DeliveryFailed, QuotaExceeded) as exc:
                log.warning("page.sms_failed", user_id=str(user["id"]), error=exc.message)
        return sent
