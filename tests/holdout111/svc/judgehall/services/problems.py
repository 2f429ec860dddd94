from __future__ import annotations

import asyncio
import logging
import os
import tempfile
from types import MappingProxyType
from typing import Any

import markdown

from judgehall.clients.object_store import ObjectStore, test_key
from judgehall.clients.problem_archive import ProblemArchiveClient
from judgehall.errors import NotFound, ValidationFailed
from judgehall.models import Problem, TestCase
from judgehall.repositories.problems import ProblemRepository
from judgehall.utils.files import pair_test_files, read_archive
from judgehall.utils.locks import KeyedLocks

log = logging.getLogger(__name__)

SUPPORTED_CHECKERS = MappingProxyType(
    {"exact": "byte-exact", "tokens": "whitespace-insensitive", "float6": "1e-6 tolerance", "custom": "special judge"}
)

DEFAULT_LIMITS: dict[str, Any] = {"time_limit_ms": 2000, "memory_limit_mb": 256, "checker": "exact"}


class ProblemService:
    def __init__(
        self,
        problems: ProblemRepository,
        store: ObjectStore,
        locks: KeyedLocks,
        archive: ProblemArchiveClient | None = None,
    ) -> None:
        self.problems = problems
        self.store = store
        self.locks = locks
        self.archive = archive

    async def get(self, problem_id: int) -> Problem:
        problem = await self.problems.get(problem_id)
        if problem is None:
            raise NotFound(f"problem {problem_id} not found")
        return problem

    async def create(self, contest_id: int, code: str, title: str, overrides: dict[str, Any]) -> Problem:
        limits = DEFAULT_LIMITS
        limits.update({k: v for k, v in overrides.items() if k in DEFAULT_LIMITS})
        if limits["checker"] not in SUPPORTED_CHECKERS:
            raise ValidationFailed(f"unknown checker {limits['checker']}")
        problem = Problem(contest_id=contest_id, code=code.upper(), title=title, **limits)
        return await self.problems.add(problem)

    async def update_limits(self, problem_id: int, time_limit_ms: int | None, memory_limit_mb: int | None) -> Problem:
        problem = await self.get(problem_id)
        if time_limit_ms is not None:
            if not 100 <= time_limit_ms <= 30_000:
                raise ValidationFailed("time limit must be between 100 ms and 30 s")
            problem.time_limit_ms = time_limit_ms
        if memory_limit_mb is not None:
            if not 16 <= memory_limit_mb <= 2048:
                raise ValidationFailed("memory limit must be between 16 and 2048 MB")
            problem.memory_limit_mb = memory_limit_mb
        return problem

    async def samples(self, problem_id: int) -> list[dict[str, str]]:
        tests = [t for t in await self.problems.tests_for(problem_id) if t.is_sample]
        sem = asyncio.Semaphore(4)

        async def load(tc: TestCase) -> dict[str, str]:
            async with sem:
                return {
                    "input": await self.store.get_text(tc.input_key),
                    "answer": await self.store.get_text(tc.answer_key),
                }

        return list(await asyncio.gather(*(load(t) for t in tests[:10])))

    async def upload_tests(self, problem_id: int, archive_bytes: bytes) -> int:
        problem = await self.get(problem_id)
        async with self.locks.for_problem(problem_id):
            fd, tmp_path = tempfile.mkstemp(suffix=".zip")
            try:
                await asyncio.to_thread(_write_fd, fd, archive_bytes)
                members = read_archive(tmp_path)
            finally:
                os.unlink(tmp_path)
            pairs = pair_test_files(members)
            if not pairs:
                raise ValidationFailed("archive contains no test pairs")
            async with self.locks.for_contest(problem.contest_id):
                version = problem.tests_version + 1
                tests = await self._store_tests(problem, version, pairs)
                new_version = await self.problems.replace_tests(problem_id, tests)
        log.info("problem %s now has %d tests (v%d)", problem_id, len(tests), new_version)
        return len(tests)

    async def import_from_archive(self, contest_id: int, code: str, external_id: str) -> Problem:
        if self.archive is None:
            raise ValidationFailed("problem archive is not configured")
        meta = await self.archive.fetch_problem(external_id)
        blob = await self.archive.download(meta.tests_url)
        fd, tmp_path = tempfile.mkstemp(suffix=".zip")
        try:
            await asyncio.to_thread(_write_fd, fd, blob)
            members = await asyncio.to_thread(read_archive, tmp_path)
        finally:
            os.unlink(tmp_path)
        problem = Problem(
            contest_id=contest_id,
            code=code.upper(),
            title=meta.title,
            time_limit_ms=meta.time_limit_ms,
            memory_limit_mb=meta.memory_limit_mb,
            checker=meta.checker,
        )
        await self.problems.add(problem)
        tests = await self._store_tests(problem, problem.tests_version, pair_test_files(members))
        await self.problems.replace_tests(problem.id, tests)
        return problem

    async def _store_tests(self, problem: Problem, version: int, pairs: list[tuple[str, bytes, bytes]]) -> list[TestCase]:
        sem = asyncio.Semaphore(8)

        async def put_pair(ordinal: int, stem: str, inp: bytes, ans: bytes) -> TestCase:
            in_key = test_key(problem.id, version, f"{stem}.in")
            ans_key = test_key(problem.id, version, f"{stem}.ans")
            async with sem:
                await self.store.put(in_key, inp)
                await self.store.put(ans_key, ans)
            return TestCase(
                problem_id=problem.id,
                ordinal=ordinal,
                input_key=in_key,
                answer_key=ans_key,
                is_sample=stem.startswith("sample"),
            )

        return list(
            await asyncio.gather(*(put_pair(i, stem, inp, ans) for i, (stem, inp, ans) in enumerate(pairs, 1)))
        )


def _write_fd(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


_EXTENSIONS = ["tables", "fenced_code", "md_in_html"]


class StatementRenderer:
    """Renders problem statements (markdown with embedded TeX) to HTML."""

    def __init__(self, store: ObjectStore) -> None:
        self.store = store
        self._rendered: dict[tuple[int, int, str], str] = {}

    async def render(self, problem_id: int, version: int, statement_key: str, lang: str = "en") -> str:
        cache_key = (problem_id, version, lang)
        html = self._rendered.get(cache_key)
        if html is not None:
            return html
        source = await self.store.get_text(f"{statement_key}.{lang}.md")
        html = markdown.markdown(source, extensions=_EXTENSIONS)
        self._rendered[cache_key] = html
        return html
