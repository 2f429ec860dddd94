"""Case report forms: schema loading, validation, versioned submissions and drafts."""
from __future__ import annotations

import secrets
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import asyncpg
from cachetools import TTLCache

from svc.db.pool import Database
from svc.errors import Conflict, NotFound, ValidationFailed
from svc.repositories.audit import AuditRepository
from svc.repositories.forms import FormRepository

_schema_lock = threading.Lock()
_rendered_forms: dict[tuple[int, str], dict[str, Any]] = {}
validation_failures: Counter[str] = Counter()


@dataclass(frozen=True, slots=True)
class FieldSpec:
    path: str
    kind: str
    required: bool
    label: tuple[tuple[str, str], ...]
    choices: tuple[str, ...] = ()

    def as_dict(self, locale: str) -> dict[str, Any]:
        return {"path": self.path, "kind": self.kind, "required": self.required, "label": dict(self.label).get(locale, self.path), "choices": list(self.choices)}


@dataclass(frozen=True, slots=True)
class FormSchema:
    definition_id: int
    form_code: str
    version: int
    fields: tuple[FieldSpec, ...]


@dataclass(frozen=True, slots=True)
class FieldError:
    path: str
    code: str


def validate(schema: FormSchema, payload: dict[str, Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    for spec in schema.fields:
        value = payload.get(spec.path)
        if value is None:
            if spec.required:
                errors.append(FieldError(spec.path, "required"))
            continue
        if spec.kind == "number" and not isinstance(value, int | float):
            errors.append(FieldError(spec.path, "not_a_number"))
        elif spec.kind == "choice" and value not in spec.choices:
            errors.append(FieldError(spec.path, "invalid_choice"))
    return errors


class FormService:
    def __init__(self, db: Database, forms: FormRepository, audit: AuditRepository) -> None:
        self._db = db
        self._forms = forms
        self._audit = audit
        self._schemas: TTLCache[int, FormSchema] = TTLCache(maxsize=1024, ttl=3600)
        self._drafts: dict[str, dict[str, Any]] = {}

    async def schema(self, conn: asyncpg.Connection, definition_id: int) -> FormSchema:
        if (cached := self._schemas.get(definition_id)) is not None:
            return cached
        with _schema_lock:
            row = await self._forms.get_definition(conn, definition_id)
            if row is None:
                raise NotFound(f"form definition {definition_id} not found")
            fields = tuple(
                FieldSpec(f["path"], f["kind"], f.get("required", False), tuple(f.get("label", {}).items()), tuple(f.get("choices", ())))
                for f in row["schema"]["fields"]
            )
            schema = FormSchema(row["id"], row["form_code"], row["version"], fields)
            self._schemas[definition_id] = schema
        return schema

    async def render(self, definition_id: int, participant_id: int, locale: str) -> dict[str, Any]:
        async with self._db.connection() as conn:
            rendered = _rendered_forms.get((definition_id, locale))
            if rendered is None:
                schema = await self.schema(conn, definition_id)
                rendered = {"form": schema.form_code, "version": schema.version, "fields": [f.as_dict(locale) for f in schema.fields]}
                _rendered_forms[(definition_id, locale)] = rendered
            previous = await self._forms.latest_for_participant(conn, participant_id)
        rendered["prefill"] = next((r["payload"] for r in previous if r["form_definition_id"] == definition_id), {})
        return rendered

    async def submit(self, participant_id: int, definition_id: int, payload: dict[str, Any], actor_id: str) -> int:
        async with self._db.transaction() as conn:
            schema = await self.schema(conn, definition_id)
            errors = validate(schema, payload)
            if errors:
                validation_failures.update(f"{schema.form_code}:{e.code}" for e in errors)
                raise ValidationFailed("form has errors", detail={"errors": [e.__dict__ for e in errors]})
            submission_id = await self._forms.create_submission(conn, participant_id, definition_id, payload, actor_id)
            await self._audit.record(conn, "submission", submission_id, "created", actor_id, after=payload)
        return submission_id

    async def amend(self, submission_id: int, expected_version: int, payload: dict[str, Any], actor_id: str, reason: str) -> int:
        async with self._db.transaction() as conn:
            before = await self._forms.get_submission(conn, submission_id)
            if before is None:
                raise NotFound(f"submission {submission_id} not found")
            new_version = await self._forms.amend(conn, submission_id, expected_version, payload, actor_id)
            if new_version is None:
                raise Conflict("submission was changed by someone else; reload and try again")
            await self._audit.record(conn, "submission", submission_id, "amended", actor_id, before=before["payload"], after=payload, reason=reason)
        return new_version

    async def correct(self, submission_id: int, expected_version: int, payload: dict[str, Any], actor_id: str, reason: str) -> int:
        """Data-manager correction applied after source data verification."""
        async with self._db.connection() as conn:
            current = await self._forms.current_version(conn, submission_id)
            if current is None:
                raise NotFound(f"submission {submission_id} not found")
            if current != expected_version:
                raise Conflict(f"submission is at version {current}, not {expected_version}")
            before = await self._forms.get_submission(conn, submission_id)
            await self._forms.write_version(conn, submission_id, current + 1, payload, actor_id)
            await self._audit.record(conn, entity_type="submission", entity_id=submission_id, action="corrected", actor=actor_id, before=before["payload"], after=payload, reason=reason)
        return current + 1

    def save_draft(self, user_id: str, definition_id: int, payload: dict[str, Any]) -> str:
        token = secrets.token_urlsafe(16)
        self._drafts[token] = {"user": user_id, "definition_id": definition_id, "payload": payload, "saved_at": datetime.now(UTC)}
        return token

    def load_draft(self, token: str, user_id: str) -> dict[str, Any]:
        draft = self._drafts.get(token)
        if draft is None or draft["user"] != user_id:
            raise NotFound("draft not found")
        return draft["payload"]
