from fastapi import FastAPI

from atlas.api import router

app = FastAPI()
app.include_router(router)
