"""Recruiting dashboard figures and keyword/TF-IDF applicant ranking."""
from __future__ import annotations

import csv
import io
import math
import re
from collections import Counter
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy.ext.asyncio import AsyncSession

from svc.db.pg import connection
from svc.repositories import analytics as analytics_repo
from svc.repositories.applications import ApplicationRepository
from svc.repositories.jobs import JobRepository

TOKEN = re.compile(r"[a-z][a-z+#.]{1,30}")
STOP = frozenset("and the for with you our are will have this that from your who".split())


def tokenize(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text.lower()) if t not in STOP]


@lru_cache(maxsize=None)
def job_keywords(description: str) -> tuple[str, ...]:
    counts = Counter(tokenize(description))
    return tuple(word for word, _ in counts.most_common(60))


def rank_candidates(description: str, resumes: dict[int, str]) -> list[tuple[int, float]]:
    keywords = job_keywords(description)
    keyword_set = frozenset(keywords)
    docs = {cid: Counter(tokenize(text)) for cid, text in resumes.items()}
    n = max(1, len(docs))
    df = Counter(word for counts in docs.values() for word in set(counts) if word in keyword_set)
    scores: list[tuple[int, float]] = []
    for cid, counts in docs.items():
        total = sum(counts.values()) or 1
        score = 0.0
        for word in keywords:
            if counts[word]:
                tf = counts[word] / total
                idf = math.log((1 + n) / (1 + df[word])) + 1
                score += tf * idf
        scores.append((cid, round(score, 6)))
    scores.sort(key=lambda item: item[1], reverse=True)
    return scores


async def dashboard(session: AsyncSession, company_id: int) -> dict:
    jobs = await JobRepository(session).list_open(company_id, limit=200)
    today = date.today()
    counts = await analytics_repo.applicants_per_job(company_id, [j.id for j in jobs])
    rows = []
    for job in jobs:
        funnel = await analytics_repo.job_funnel(company_id, job.id, today - timedelta(days=30), today)
        rows.append({"job_id": job.id, "title": job.title, "applicants": counts.get(job.id, 0), "funnel": funnel})
    return {"jobs": rows, "generated_for": today.isoformat()}


async def stale_applications(company_id: int, job_ids: list[int]) -> dict[int, int]:
    async with connection() as conn:
        rows = await conn.fetch(
            """
            SELECT job_id, count(*) AS n FROM applications
            WHERE job_id = ANY($1::bigint[]) AND stage IN ('applied', 'screen')
              AND stage_changed_at < now() - interval '14 days'
            GROUP BY job_id
            """,
            job_ids,
        )
    counts = {r["job_id"]: r["n"] for r in rows}
    return {job_id: counts.get(job_id, 0) for job_id in job_ids}


async def rank_for_job(session: AsyncSession, company_id: int, job_id: int) -> list[dict]:
    job = await JobRepository(session).get(job_id, company_id)
    if job is None:
        raise LookupError("job not found")
    applications = await ApplicationRepository(session).for_job_with_candidates(job.id)
    resumes = {a.candidate_id: a.candidate.resume_text or "" for a in applications}
    scores = rank_candidates(job.description, resumes)
    return [{"candidate_id": cid, "score": score} for cid, score in scores]


def funnel_csv(funnels: dict[int, dict[str, int]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["job_id", "stage", "entered"])
    for job_id, funnel in sorted(funnels.items()):
        for stage, n in sorted(funnel.items()):
            writer.writerow([job_id, stage, n])
    return buf.getvalue().encode()
