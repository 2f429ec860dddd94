from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, UploadFile

from svc import deps
from svc.clients.encoder import EncoderClient
from svc.errors import PodhostError
from svc.repositories.episodes import EpisodeRepository
from svc.repositories.shows import ShowRepository
from svc.services.transcoding import TranscodingService
from svc.services.uploads import UploadService

log = logging.getLogger(__name__)
router = APIRouter(prefix="/episodes/{episode_id}", tags=["uploads"])


@router.post("/audio", status_code=202)
async def upload_audio(
    episode_id: int,
    file: UploadFile,
    session: deps.SessionDep,
    creator: deps.CreatorDep,
    encoder: Annotated[EncoderClient, Depends(deps.encoder)],
) -> dict:
    episode = await EpisodeRepository(session).get(episode_id)
    show = await ShowRepository(session).get(episode.show_id) if episode else None
    if show is None or show.creator_id != creator.id:
        raise HTTPException(status_code=404, detail="episode not found")
    service = UploadService(TranscodingService(session, encoder))
    try:
        result = await service.receive(episode_id, file)
    except PodhostError:
        raise
    except Exception as exc:
        raise HTTPException(status_code=400, detail=f"could not process upload: {exc}")
    return {
        "job_id": result.job_id,
        "size_bytes": result.size_bytes,
        "duration_seconds": result.duration_seconds,
        "codec": result.codec,
    }


@router.delete("/audio/source/{filename}", status_code=204)
async def delete_source(episode_id: int, filename: str, session: deps.SessionDep, creator: deps.CreatorDep,
                        encoder: Annotated[EncoderClient, Depends(deps.encoder)]) -> None:
    episode = await EpisodeRepository(session).get(episode_id)
    if episode is None:
        raise HTTPException(status_code=404, detail="episode not found")
    show = await ShowRepository(session).get(episode.show_id)
    if show is None or show.creator_id != creator.id:
        raise HTTPException(status_code=404, detail="episode not found")
    await UploadService(TranscodingService(session, encoder)).discard_source(show.id, episode_id, filename)


@router.post("/transcode/{job_id}/cancel", status_code=202)
async def cancel_transcode(
    episode_id: int,
    job_id: int,
    session: deps.SessionDep,
    creator: deps.CreatorDep,
    encoder: Annotated[EncoderClient, Depends(deps.encoder)],
) -> dict:
    episode = await EpisodeRepository(session).get(episode_id)
    show = await ShowRepository(session).get(episode.show_id) if episode else None
    if show is None or show.creator_id != creator.id:
        raise HTTPException(status_code=404, detail="episode not found")
    await TranscodingService(session, encoder).cancel(job_id)
    return {"job_id": job_id, "status": "cancelled"}
