from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.config.cors import CORSConfig
from litestar.datastructures import State

from judgehall.api.admin import AdminController
from judgehall.api.auth import AuthController
from judgehall.api.clarifications import AnnouncementController, ClarificationController
from judgehall.api.contests import ContestAdminController, ContestController
from judgehall.api.deps import dependencies
from judgehall.api.health import HealthController
from judgehall.api.problems import ProblemAdminController, ProblemController, ProblemSamplesController
from judgehall.api.scoreboard import ScoreboardController
from judgehall.api.submissions import JudgeCallbackController, JurySubmissionController, SubmissionController
from judgehall.api.teams import TeamCaptainController, TeamController
from judgehall.api.users import MeController, UserController
from judgehall.cache.redis import build_redis
from judgehall.clients.avatars import AvatarClient
from judgehall.clients.judge_runner import JudgeRunnerClient
from judgehall.clients.mailer import Mailer
from judgehall.clients.object_store import ObjectStore
from judgehall.clients.problem_archive import ProblemArchiveClient
from judgehall.clients.webhooks import WebhookNotifier
from judgehall.db.engine import build_engine, build_session_factory
from judgehall.errors import exception_handlers
from judgehall.services.auth import LoginThrottle
from judgehall.services.compile_check import CompileChecker
from judgehall.services.events import EventPublisher
from judgehall.services.notifications import NotificationService
from judgehall.services.problems import StatementRenderer
from judgehall.services.reports import ExportService, ReportService
from judgehall.services.scoreboard import ScoreboardService
from judgehall.settings import configure_logging, get_settings
from judgehall.utils.background import BackgroundTasks
from judgehall.utils.locks import KeyedLocks
from judgehall.utils.ratelimit import SlidingWindowLimiter
from judgehall.ws.clarifications_ws import (
    announcements_socket,
    jury_clarifications_socket,
)
from judgehall.ws.hub import ClarificationHub, ScoreboardHub
from judgehall.ws.queue_listener import JudgeQueueListener
from judgehall.ws.scoreboard_ws import jury_scoreboard_socket, scoreboard_socket
from judgehall.ws.verdict_ws import verdict_socket

log = logging.getLogger(__name__)

REMINDER_INTERVAL = 60.0


async def _reminder_loop(notifications: NotificationService) -> None:
    while True:
        sent = await notifications.send_contest_reminders()
        if sent:
            log.info("sent %d contest reminders", sent)
        await asyncio.sleep(REMINDER_INTERVAL)


@asynccontextmanager
async def lifespan(app: Litestar) -> AsyncIterator[None]:
    settings = get_settings()
    state: State = app.state
    state.settings = settings
    state.engine = build_engine(settings)
    state.session_factory = build_session_factory(state.engine)
    state.redis = build_redis(settings)
    state.events = EventPublisher(state.redis)
    state.locks = KeyedLocks()
    state.background = BackgroundTasks()

    state.object_store = ObjectStore(settings)
    state.judge_runner = JudgeRunnerClient(
        settings.judge_runner_url, settings.judge_runner_token, settings.judge_runner_timeout
    )
    state.avatars = AvatarClient(settings.avatar_service_url)
    state.problem_archive = ProblemArchiveClient(settings.problem_archive_url, settings.judge_runner_token)
    state.webhooks = WebhookNotifier(settings.webhook_url)
    state.mailer = Mailer(settings)

    state.login_throttle = LoginThrottle()
    state.submission_limiter = SlidingWindowLimiter(settings.submission_rate_per_minute, 60.0)
    state.compile_checker = CompileChecker(settings.compile_check_timeout)
    state.statement_renderer = StatementRenderer(state.object_store)
    state.scoreboard = ScoreboardService(state.session_factory, state.redis, settings.scoreboard_cache_ttl)
    state.notifications = NotificationService(state.session_factory, state.mailer, settings)
    state.reports = ReportService(settings, state.engine)
    state.exports = ExportService(settings.data_dir)

    state.scoreboard_hub = ScoreboardHub()
    state.jury_scoreboard_hub = ScoreboardHub()
    state.clarification_hub = ClarificationHub()
    state.announcement_hub = ClarificationHub()
    state.queue_watchers = set()

    bg = state.background
    state.hub_task = asyncio.create_task(state.scoreboard_hub.pump(state.redis))
    bg.spawn(bg.supervise("jury-scoreboard-pump", lambda: state.jury_scoreboard_hub.pump(state.redis)))
    bg.spawn(bg.supervise("clarification-pump", lambda: state.clarification_hub.pump(state.redis)))
    bg.spawn(bg.supervise("scoreboard-follow", state.scoreboard.follow))
    bg.spawn(bg.supervise("contest-reminders", lambda: _reminder_loop(state.notifications)))
    try:
        yield
    finally:
        state.hub_task.cancel()
        await bg.shutdown()
        await state.webhooks.aclose()
        await state.judge_runner.aclose()
        await state.object_store.aclose()
        await state.avatars.aclose()
        await state.problem_archive.close()
        await state.redis.aclose()
        await state.engine.dispose()


def create_app() -> Litestar:
    settings = get_settings()
    configure_logging("DEBUG" if settings.debug else "INFO")
    api = Router(
        path="/api/v1",
        route_handlers=[
            AuthController,
            UserController,
            MeController,
            TeamController,
            TeamCaptainController,
            ContestController,
            ContestAdminController,
            ProblemController,
            ProblemAdminController,
            ProblemSamplesController,
            SubmissionController,
            JurySubmissionController,
            ScoreboardController,
            ClarificationController,
            AnnouncementController,
            AdminController,
        ],
    )
    return Litestar(
        route_handlers=[
            api,
            HealthController,
            JudgeCallbackController,
            scoreboard_socket,
            jury_scoreboard_socket,
            verdict_socket,
            jury_clarifications_socket,
            announcements_socket,
            JudgeQueueListener,
        ],
        dependencies=dependencies,
        exception_handlers=exception_handlers,
        lifespan=[lifespan],
        cors_config=CORSConfig(allow_origins=["https://judgehall.dev"]),
        debug=settings.debug,
    )


app = create_app()
