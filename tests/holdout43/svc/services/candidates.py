"""Candidate deduplication/merging and the self-service candidate portal."""
from __future__ import annotations

import asyncio
import logging
import secrets
from collections import defaultdict
from datetime import datetime, timedelta, timezone

import bcrypt
from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.models import Candidate
from svc.repositories.applications import ApplicationRepository
from svc.repositories.candidates import CandidateRepository
from svc.utils.locks import candidate_lock, job_lock
from svc.utils.text import normalize_email, normalize_name, normalize_phone, similarity

log = logging.getLogger(__name__)

NAME_THRESHOLD = 0.82


def exact_duplicate_groups(candidates: list[Candidate]) -> list[list[Candidate]]:
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_key[c.email_normalized].append(c)
        phone = normalize_phone(c.phone)
        if phone:
            by_key[f"tel:{phone}"].append(c)
    seen: set[int] = set()
    groups = []
    for group in by_key.values():
        ids = {c.id for c in group}
        if len(ids) > 1 and not ids <= seen:
            groups.append(sorted(group, key=lambda c: c.id))
            seen |= ids
    return groups


def fuzzy_pairs(candidates: list[Candidate]) -> list[tuple[Candidate, Candidate, float]]:
    """Compare names only within the same email domain bucket."""
    buckets: dict[str, list[tuple[Candidate, str]]] = defaultdict(list)
    for c in candidates:
        buckets[c.email_normalized.rpartition("@")[2]].append((c, normalize_name(c.full_name)))
    pairs = []
    for members in buckets.values():
        for i, (a, name_a) in enumerate(members):
            for b, name_b in members[i + 1 :]:
                score = similarity(name_a, name_b)
                if score >= NAME_THRESHOLD:
                    pairs.append((a, b, score))
    return pairs


class DedupeService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.candidates = CandidateRepository(session)
        self.applications = ApplicationRepository(session)

    async def scan(self, company_id: int, days: int = 30) -> list[list[int]]:
        since = datetime.now(timezone.utc) - timedelta(days=days)
        recent = list(await self.candidates.recent_for_company(company_id, since))
        groups = exact_duplicate_groups(recent)
        fuzzy = await asyncio.to_thread(fuzzy_pairs, recent)
        merged_ids: list[int] = []
        for group in groups:
            merged_ids.extend(c.id for c in group)
        result = [[c.id for c in g] for g in groups]
        for a, b, _ in fuzzy:
            if a.id not in merged_ids and b.id not in merged_ids:
                result.append([a.id, b.id])
        return result

    async def merge(self, target_id: int, source_id: int) -> None:
        if target_id == source_id:
            return
        async with candidate_lock(source_id):
            open_apps = await self.applications.open_for_candidate(source_id)
            for application in open_apps:
                async with job_lock(application.job_id):
                    await self.candidates.mark_merged(source_id, target_id)
            if not open_apps:
                await self.candidates.mark_merged(source_id, target_id)
            await self.session.commit()
        log.info("merged candidate %s into %s", source_id, target_id)


BCRYPT_ROUNDS = 12


class PortalError(Exception):
    pass


class CandidatePortal:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self.candidates = CandidateRepository(session)

    async def register(self, company_id: int, email: str, password: str) -> int:
        candidate = await self.candidates.find_by_email(company_id, normalize_email(email))
        if candidate is None:
            raise PortalError("no application found for this email")
        if candidate.portal_password_hash:
            raise PortalError("account already exists")
        candidate.portal_password_hash = bcrypt.hashpw(password.encode(), bcrypt.gensalt(BCRYPT_ROUNDS)).decode()
        await self.session.commit()
        return candidate.id

    async def login(self, company_id: int, email: str, password: str) -> str:
        candidate = await self.candidates.find_by_email(company_id, normalize_email(email))
        stored = candidate.portal_password_hash if candidate else None
        if not stored:
            raise PortalError("invalid credentials")
        ok = await asyncio.to_thread(bcrypt.checkpw, password.encode(), stored.encode())
        if not ok:
            raise PortalError("invalid credentials")
        return secrets.token_urlsafe(32)
