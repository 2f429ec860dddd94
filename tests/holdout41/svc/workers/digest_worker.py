"""Daily e-mail digest of the most liked posts from accounts a user follows."""

from __future__ import annotations

import logging
import socket
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import redis.asyncio as redis
from jinja2 import Template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from svc.clients.messaging import MailerClient, MailerError
from svc.config import Settings
from svc.db.models import DigestLog
from svc.repositories import follow_repo, posts_repo, users_repo
from svc.utils import flags
from svc.utils.text import snippet


log = logging.getLogger(__name__)

LOCK_TTL = 3 * 3600


class DigestWorker:
    def __init__(self, client: redis.Redis, mailer: MailerClient, settings: Settings) -> None:
        self.redis = client
        self.mailer = mailer
        self.settings = settings
        self._template_dir = Path(settings.digest_template_dir)

    async def run_once(self, day: date | None = None) -> int:
        if not flags.is_enabled("digest_enabled"):
            return 0
        day = day or datetime.now(timezone.utc).date()
        lock_key = f"lock:digest:{day.isoformat()}"
        acquired = await self.redis.set(lock_key, socket.gethostname(), nx=True, ex=LOCK_TTL)
        if not acquired:
            log.info("digest for %s already running elsewhere", day)
            return 0

        engine = create_async_engine(self.settings.database_url, pool_size=5)
        Session = async_sessionmaker(engine, expire_on_commit=False)
        since = datetime.now(timezone.utc) - timedelta(days=1)
        sent = 0
        after_id = 0
        while True:
            async with Session() as session:
                users = await users_repo.digest_recipients(session, after_id, self.settings.digest_batch_size)
                if not users:
                    break
                already = set(
                    await session.scalars(
                        select(DigestLog.user_id).where(
                            DigestLog.digest_date == day.isoformat(),
                            DigestLog.user_id.in_([u.id for u in users]),
                        )
                    )
                )
                for user in users:
                    if user.id in already:
                        continue
                    following = await follow_repo.following_ids(session, user.id)
                    if not following:
                        continue
                    posts = await posts_repo.top_for_authors_since(session, following[:1000], since)
                    if not posts:
                        continue
                    template = Template((self._template_dir / "digest.html").read_text())
                    html = template.render(
                        user=users_repo.to_public(user),
                        posts=[{"id": p.id, "text": snippet(p.body, 200), "likes": p.like_count} for p in posts],
                        day=day.isoformat(),
                    )
                    try:
                        await self.mailer.send(to=user.email, subject="Your daily digest", html=html, tag="digest")
                    except MailerError:
                        log.error("digest send failed")
                        continue
                    session.add(DigestLog(user_id=user.id, digest_date=day.isoformat()))
                    try:
                        await session.commit()
                    except IntegrityError:
                        await session.rollback()
                    sent += 1
                after_id = users[-1].id
        log.info("digest complete", extra={"ctx": {"day": day.isoformat(), "sent": sent}})
        return sent
