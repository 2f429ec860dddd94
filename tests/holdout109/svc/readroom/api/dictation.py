from __future__ import annotations

from fastapi import APIRouter, Depends, File, UploadFile

from readroom.api.deps import current_user, db_session, services
from readroom.errors import InvalidReportState, ReportNotFound, ValidationFailed
from readroom.models import User
from readroom.repositories.reports import ReportRepository
from readroom.services.dictation import apply_voice_commands, merge_transcripts
from readroom.utils.audio_store import save_audio_blob

router = APIRouter(prefix="/dictation", tags=["dictation"])

MAX_AUDIO_BYTES = 20 * 1024 * 1024
_SUFFIXES = {"audio/wav": ".wav", "audio/x-wav": ".wav", "audio/ogg": ".ogg", "audio/mpeg": ".mp3"}


@router.post("/{report_id}/segments")
async def upload_segment(
    report_id: int,
    audio: UploadFile = File(...),
    user: User = Depends(current_user),
    session=Depends(db_session),
    svc=Depends(services),
) -> dict:
    svc.throttle.check(user.id)
    suffix = _SUFFIXES.get(audio.content_type or "")
    if suffix is None:
        raise ValidationFailed(f"unsupported audio type {audio.content_type}")
    data = await audio.read(MAX_AUDIO_BYTES + 1)
    if len(data) > MAX_AUDIO_BYTES:
        raise ValidationFailed("audio segment too large")
    return await svc.dictation.upload_segment(session, report_id, data, suffix)


@router.post("/{report_id}/legacy-recorder")
async def upload_from_legacy_recorder(
    report_id: int,
    audio: UploadFile = File(...),
    user: User = Depends(current_user),
    session=Depends(db_session),
    svc=Depends(services),
) -> dict:
    """Older handheld recorders upload whole dictations that are transcribed later in one pass."""
    svc.throttle.check(user.id)
    reports = ReportRepository(session)
    report = await reports.get(report_id)
    if report is None:
        raise ReportNotFound(f"report {report_id} not found")
    if report.status != "DRAFT":
        raise InvalidReportState("cannot dictate into a signed report")
    data = await audio.read(MAX_AUDIO_BYTES + 1)
    if len(data) > MAX_AUDIO_BYTES:
        raise ValidationFailed("audio too large")
    path = save_audio_blob(report_id, data, ".wav")
    seq = await reports.next_segment_seq(report_id)
    segment = await reports.add_segment(report_id, seq, path)
    await session.commit()
    return {"segment_id": segment.id, "seq": seq, "status": "PENDING"}


@router.get("/{report_id}/segments")
async def list_segments(report_id: int, _user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    segments = await ReportRepository(session).segments(report_id)
    return {"items": [{"id": s.id, "seq": s.seq, "status": s.status, "transcript": s.transcript} for s in segments]}


@router.get("/{report_id}/transcript")
async def assembled_transcript(report_id: int, _user: User = Depends(current_user), session=Depends(db_session)) -> dict:
    segments = await ReportRepository(session).segments(report_id)
    raw = merge_transcripts([(s.seq, s.transcript or "") for s in segments if s.status == "DONE"])
    text, actions = apply_voice_commands(raw)
    pending = sum(1 for s in segments if s.status != "DONE")
    return {"report_id": report_id, "text": text, "actions": actions, "pending_segments": pending}
