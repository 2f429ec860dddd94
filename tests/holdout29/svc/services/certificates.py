"""Certificate issuing, re-issuing and public verification."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import date
from functools import partial

from jinja2 import Environment, FileSystemLoader, select_autoescape

from svc import config
from svc.clients.pdf import render_pdf
from svc.errors import NotFoundError
from svc.repositories.certificates import CertificateRepository
from svc.repositories.courses import CourseRepository
from svc.repositories.progress import ProgressRepository
from svc.repositories.users import UserRepository
from svc.services.storage import CertificateArchive

logger = logging.getLogger(__name__)

_templates = Environment(
    loader=FileSystemLoader(config.CERTIFICATE_TEMPLATE_DIR),
    autoescape=select_autoescape(["html"]),
    auto_reload=False,
)


@dataclass(frozen=True, slots=True)
class IssuedCertificate:
    id: int
    verification_code: str
    pdf_key: str


def _derive_code(salt: str, enrolment_id: int) -> str:
    digest = hashlib.pbkdf2_hmac("sha256", str(enrolment_id).encode(), salt.encode(), 310_000)
    return base64.b32encode(digest[:15]).decode().rstrip("=")


def certificate_context(learner: str, course_title: str, code: str) -> dict:
    return {
        "learner": learner,
        "course": course_title,
        "code": code,
        "issued_on": date.today().isoformat(),
        "verify_url": f"{config.get_settings().public_base_url}/verify/{code}",
    }


class CertificateService:
    def __init__(
        self,
        certs: CertificateRepository,
        progress: ProgressRepository,
        users: UserRepository,
        courses: CourseRepository,
        archive: CertificateArchive,
        salt: str,
    ) -> None:
        self._certs = certs
        self._progress = progress
        self._users = users
        self._courses = courses
        self._archive = archive
        self._salt = salt
        self._template = _templates.get_template("certificate.html")

    async def issue(self, enrolment_id: int, user_id: int, course_id: int) -> IssuedCertificate:
        loop = asyncio.get_running_loop()
        code = await loop.run_in_executor(None, partial(_derive_code, self._salt, enrolment_id))
        learner = await self._users.get(user_id)
        course = await self._courses.get(course_id)
        html = self._template.render(**certificate_context(learner.display_name, course.title, code))
        pdf = await asyncio.to_thread(render_pdf, html)
        key = f"{config.CERTIFICATE_KEY_PREFIX}/{course_id}/{code}.pdf"
        await self._archive.put(key, pdf)
        cert_id = await self._certs.insert(enrolment_id, code, key)
        if cert_id is None:
            existing = await self._certs.for_enrolment(enrolment_id)
            return IssuedCertificate(existing["id"], existing["verification_code"], existing["pdf_key"])
        return IssuedCertificate(cert_id, code, key)

    async def issue_for_course(self, course_id: int, enrolments: list[tuple[int, int]]) -> int:
        """Issue certificates for (enrolment_id, user_id) pairs, four renders at a time."""
        gate = asyncio.Semaphore(4)

        async def one(enrolment_id: int, user_id: int) -> None:
            async with gate:
                await self.issue(enrolment_id, user_id, course_id)

        results = await asyncio.gather(*(one(e, u) for e, u in enrolments), return_exceptions=True)
        failures = [r for r in results if isinstance(r, Exception)]
        for failure in failures:
            logger.error("certificate issue failed for course %s", course_id, exc_info=failure)
        return len(results) - len(failures)

    async def reissue(self, certificate_id: int) -> str:
        cert = await self._certs.get(certificate_id)
        if cert is None:
            raise NotFoundError("certificate", certificate_id)
        learner = await self._users.get(cert["user_id"])
        course = await self._courses.get(cert["course_id"])
        context = await certificate_context(learner.display_name, course.title, cert["verification_code"])
        pdf = render_pdf(self._template.render(**context))
        key = f"{config.CERTIFICATE_PREFIX}/{cert['course_id']}/{cert['verification_code']}-r.pdf"
        self._archive.write_sync(key, pdf)
        await self._certs.replace_pdf(certificate_id, key)
        return key

    async def verify(self, code: str) -> dict:
        row = await self._certs.by_code(code.strip().upper())
        if row is None:
            raise NotFoundError("certificate", code)
        return {"course_id": row["course_id"], "user_id": row["user_id"], "issued_at": row["issued_at"]}

    async def download_allowed(self, certificate_id: int, token: str) -> bool:
        expected = hashlib.pbkdf2_hmac(
            "sha256", str(certificate_id).encode(), self._salt.encode(), 310_000
        ).hex()
        return hmac.compare_digest(expected, token)
