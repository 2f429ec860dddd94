from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from readroom.api.deps import current_user, db_session
from readroom.cache.sync_redis import recent_openers
from readroom.errors import StudyNotFound
from readroom.repositories.studies import StudyRepository
from readroom.utils.pagination import Cursor, clamp_limit, clamp_page_size

router = APIRouter(prefix="/studies", tags=["studies"])


@router.get("/search")
async def search(
    q: str = Query(min_length=2),
    page_size: int | None = None,
    session=Depends(db_session),
    _user=Depends(current_user),
) -> dict:
    limit = clamp_page_size(page_size)
    studies = await StudyRepository(session).search_by_patient_name(q, limit)
    return {
        "items": [
            {
                "study_uid": s.study_instance_uid,
                "accession": s.accession_number,
                "patient_name": s.patient_name,
                "modality": s.modality,
                "status": s.status,
            }
            for s in studies
        ]
    }


@router.get("/ready")
async def ready_studies(
    modality: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
    session=Depends(db_session),
    _user=Depends(current_user),
) -> dict:
    after = Cursor.decode(cursor)
    size = clamp_limit(limit, 200)
    rows = await StudyRepository(session).ready_page(modality, (after.ts, after.id) if after else None, size)
    next_cursor = Cursor(ts=rows[-1].received_at, id=rows[-1].id).encode() if len(rows) == size else None
    return {
        "items": [
            {"study_uid": s.study_instance_uid, "accession": s.accession_number, "modality": s.modality,
             "received_at": s.received_at.isoformat()}
            for s in rows
        ],
        "next_cursor": next_cursor,
    }


@router.get("/{study_uid}")
async def get_study(study_uid: str, session=Depends(db_session), _user=Depends(current_user)) -> dict:
    study = await StudyRepository(session).get_by_uid(study_uid)
    if study is None:
        raise StudyNotFound(f"study {study_uid} not found")
    return {
        "study_uid": study.study_instance_uid,
        "accession": study.accession_number,
        "patient_name": study.patient_name,
        "modality": study.modality,
        "description": study.description,
        "num_series": study.num_series,
        "num_instances": study.num_instances,
        "metadata": study.metadata_json,
        "thumbnail": study.thumbnail_path,
    }


@router.get("/{study_uid}/openers")
def study_openers(study_uid: str, _user=Depends(current_user)) -> dict:
    return {"study_uid": study_uid, "user_ids": recent_openers(study_uid)}
