"""A back-office sub-application, mounted into the served one under /admin."""
from fastapi import APIRouter, FastAPI

users = APIRouter()
flags = APIRouter()

admin = FastAPI(docs_url=None)
admin.include_router(users, prefix="/users")
admin.include_router(flags, prefix="/flags")
