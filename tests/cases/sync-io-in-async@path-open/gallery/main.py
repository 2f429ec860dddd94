from fastapi import FastAPI

from gallery.routes import router

app = FastAPI()
app.include_router(router)
