from fastapi import FastAPI

from app.routes import reports, users

app = FastAPI()
app.include_router(reports.router)
app.include_router(users.router)
