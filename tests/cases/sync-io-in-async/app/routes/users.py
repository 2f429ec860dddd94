"""User endpoints: some call the sqlite layer on the loop, some do it right."""
import asyncio

from fastapi import APIRouter, BackgroundTasks

from app import db
from app.services import legacy, mailer

router = APIRouter(prefix="/users")


@router.get("/{user_id}")
async def get_user(user_id: int) -> dict:
    row = db.fetch_user(user_id)  # expect: sync-io-in-async
    return {"id": row[0], "name": db.display_name(row)}


@router.get("/{user_id}/threaded")
async def get_user_threaded(user_id: int) -> dict:
    row = await asyncio.to_thread(db.fetch_user, user_id)
    return {"id": row[0], "name": db.display_name(row)}


@router.get("/{user_id}/sync")
def get_user_sync(user_id: int) -> dict:
    row = db.fetch_user(user_id)  # a sync endpoint: FastAPI runs it in the threadpool
    return {"id": row[0]}


@router.get("/{user_id}/profile")
async def get_profile(user_id: int) -> dict:
    return await legacy.load_profile(user_id)


@router.post("/{user_id}/welcome")
async def welcome_later(user_id: int, background: BackgroundTasks) -> dict:
    background.add_task(mailer.send_welcome, f"user{user_id}@example.com")
    return {"queued": True, "subject": mailer.render_subject(str(user_id))}


@router.post("/{user_id}/welcome-now")
async def welcome_now(user_id: int) -> dict:
    mailer.send_welcome(f"user{user_id}@example.com")  # expect: sync-io-in-async
    return {"sent": True}


@router.get("/{user_id}/email")
async def get_user_email(user_id: int) -> dict:
    row = db.fetch_user(user_id)  # the same helper again: a related location of the finding above
    return {"email": row[1]}
