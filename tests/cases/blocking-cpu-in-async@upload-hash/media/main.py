from fastapi import FastAPI

from media.routes import router

app = FastAPI()
app.include_router(router)
