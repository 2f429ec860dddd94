"""Notification composition shared by workers and the back office."""

from __future__ import annotations

from svc.clients.mailer import Mailer
from svc.repositories.users import UserRow


def digest_context(instructor: UserRow, course_title: str, stats: dict) -> dict:
    return {
        "name": instructor.display_name,
        "course": course_title,
        "new_enrolments": stats.get("new_enrolments", 0),
        "completions": stats.get("completions", 0),
        "locale": instructor.locale,
    }


def notify_instructor(mailer: Mailer, instructor: UserRow, course_title: str, stats: dict) -> None:
    mailer.send_sync(instructor.email, "instructor-digest", digest_context(instructor, course_title, stats))
