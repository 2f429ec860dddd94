from fastapi import FastAPI

from pages.api import router

app = FastAPI()
app.include_router(router)
