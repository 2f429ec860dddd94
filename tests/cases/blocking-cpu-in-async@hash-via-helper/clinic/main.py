from fastapi import FastAPI

from clinic.api.devices import router
from clinic.api.staff import router as staff_router

app = FastAPI()
app.include_router(router)
app.include_router(staff_router)
