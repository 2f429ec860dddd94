from __future__ import annotations

import asyncio
import csv
import io
from decimal import Decimal

from fastapi import APIRouter, File, HTTPException, UploadFile, status
from pydantic import BaseModel

from svc.db.models import Question
from svc.deps import ProctorDep, SessionDep
from svc.repositories.questions import QuestionRepository

router = APIRouter(prefix="/banks", tags=["questions"])

MAX_IMPORT_BYTES = 5 * 1024 * 1024


class QuestionOut(BaseModel):
    id: int
    kind: str
    body: str
    points: Decimal
    topic: str | None

    model_config = {"from_attributes": True}


def _parse_questions(payload: bytes) -> list[dict]:
    reader = csv.DictReader(io.StringIO(payload.decode("utf-8-sig")))
    rows = []
    for line_no, row in enumerate(reader, start=2):
        if row.get("kind") not in {"mcq", "numeric", "essay"}:
            raise ValueError(f"line {line_no}: unknown kind {row.get('kind')!r}")
        rows.append({"kind": row["kind"], "body": row["body"], "points": Decimal(row.get("points") or "1"),
                     "topic": row.get("topic") or None})
    return rows


@router.get("/{bank_id}/questions/search", response_model=list[QuestionOut])
async def search_questions(bank_id: int, q: str, session: SessionDep, _: ProctorDep) -> list[QuestionOut]:
    if len(q) < 3:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, "query too short")
    return [QuestionOut.model_validate(x) for x in await QuestionRepository(session).search(bank_id, q)]


@router.get("/{bank_id}/topics/{topic}", response_model=list[QuestionOut])
async def by_topic(bank_id: int, topic: str, session: SessionDep, _: ProctorDep) -> list[QuestionOut]:
    return [QuestionOut.model_validate(x) for x in await QuestionRepository(session).by_topic(bank_id, topic)]


@router.post("/{bank_id}/import", status_code=status.HTTP_201_CREATED)
async def import_questions(bank_id: int, session: SessionDep, _: ProctorDep, file: UploadFile = File(...)) -> dict[str, int]:
    payload = await file.read(MAX_IMPORT_BYTES + 1)
    if len(payload) > MAX_IMPORT_BYTES:
        raise HTTPException(status.HTTP_413_REQUEST_ENTITY_TOO_LARGE, "file too large")
    try:
        rows = await asyncio.to_thread(_parse_questions, payload)
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_ENTITY, str(exc)) from exc
    session.add_all(Question(bank_id=bank_id, **row) for row in rows)
    await session.commit()
    return {"imported": len(rows)}
