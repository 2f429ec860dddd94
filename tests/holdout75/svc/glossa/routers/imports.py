from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, File, Form, HTTPException, UploadFile

from glossa.db.models import Project
from glossa.deps import project_access, service
from glossa.schemas import ImportOut
from glossa.services.importer import ImportService
from glossa.services.metering import MeteringService
from glossa.services.presence import ActivityHub
from glossa.settings import Settings, get_settings

router = APIRouter(tags=["imports"])


@router.post("/projects/{project_id}/imports", status_code=201, response_model=ImportOut)
async def upload_catalog(
    background: BackgroundTasks,
    project: Project = Depends(project_access),
    file: UploadFile = File(...),
    locale: str | None = Form(None),
    importer: ImportService = Depends(service("importer")),
    metering: MeteringService = Depends(service("metering")),
    activity: ActivityHub = Depends(service("activity")),
    settings: Settings = Depends(get_settings),
) -> ImportOut:
    data = await file.read()
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(status_code=413, detail="catalog file too large")
    filename = file.filename or "upload"
    await importer.stage_upload(project.id, filename, data)
    report = await importer.import_upload(project.id, filename, data, locale)
    background.add_task(metering.record, project.org_id, project.id, "words_imported", report.words)
    activity.publish(project.id, {"type": "import", "file": filename, "added": report.added})
    return ImportOut(
        format=report.format,
        received=report.received,
        added=report.added,
        updated=report.updated,
        translations=report.translations,
    )
