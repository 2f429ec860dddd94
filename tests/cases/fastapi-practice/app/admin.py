from fastapi import FastAPI

admin = FastAPI()
STATE: dict[str, bool] = {}


@admin.on_event("startup")  # expect: fastapi-practice
async def open_audit_log() -> None:
    STATE["audit"] = True


@admin.get("/ping")
async def ping() -> dict[str, bool]:
    return STATE
