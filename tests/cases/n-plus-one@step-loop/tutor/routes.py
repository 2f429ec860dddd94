"""A tutoring session: the tutor answers in turns until the learner is done or the turns run out."""
from __future__ import annotations

from fastapi import APIRouter

from .store import Hints

router = APIRouter()


async def _next_turn(transcript: list[str], hint_id: int) -> str:
    hint = await Hints.by_id(hint_id)
    return hint.text if hint else "..."


@router.post("/lessons/{lesson_id}/tutor")
async def tutor(lesson_id: str, hint_id: int, max_turns: int = 8) -> list[str]:
    transcript: list[str] = []
    for turn in range(max_turns):
        reply = await _next_turn(transcript, hint_id)
        transcript.append(reply)
        if turn > 0 and reply.endswith("?"):
            continue
        if reply == "done":
            break
    return transcript


@router.post("/lessons/{lesson_id}/seats")
async def open_seats(lesson_id: str, count: int) -> int:
    for _ in range(count):
        await Hints.add_seat(lesson_id)  # expect: n-plus-one
    return count


@router.post("/lessons/{lesson_id}/first-answered")
async def first_answered(lesson_id: str, hint_ids: list[int], limit: int) -> str:
    for n in range(limit):
        hint = await Hints.by_id(hint_ids[n])  # expect: n-plus-one
        if hint is not None:
            break
    return lesson_id
