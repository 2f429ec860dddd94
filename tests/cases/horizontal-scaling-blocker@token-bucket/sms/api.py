from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse

from sms.limits import OtpLimiter

router = APIRouter()
limiter = OtpLimiter()  # expect: horizontal-scaling-blocker


class TooManyCodes(Exception):
    pass


@router.post("/otp/{phone}")
async def send_code(phone: str) -> JSONResponse:
    if not limiter.try_send(phone):
        raise TooManyCodes(phone)
    return JSONResponse({"sent": True})


app = FastAPI()
app.include_router(router)
