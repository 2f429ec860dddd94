from fastapi import Request
from fastapi.responses import JSONResponse


class ShopError(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(ShopError):
    status = 404


async def shop_error(request: Request, exc: ShopError) -> JSONResponse:
    return JSONResponse({"code": type(exc).__name__, "detail": exc.detail}, status_code=exc.status)
