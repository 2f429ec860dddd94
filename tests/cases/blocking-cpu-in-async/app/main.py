from fastapi import FastAPI

from app.routes import auth, reports

app = FastAPI()
app.include_router(auth.router)
app.include_router(reports.router)
