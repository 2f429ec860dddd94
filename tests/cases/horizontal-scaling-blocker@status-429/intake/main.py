from fastapi import FastAPI

from intake.routes import router

app = FastAPI()
app.include_router(router)
