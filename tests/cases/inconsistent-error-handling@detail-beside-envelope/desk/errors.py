from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class DeskError(Exception):
    status_code = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(DeskError):
    status_code = 404
    code = "not_found"


def install(app: FastAPI) -> None:
    @app.exception_handler(DeskError)
    async def desk_error(request: Request, exc: DeskError) -> JSONResponse:
        body = {"error": {"code": exc.code, "message": exc.message}}
        return JSONResponse(body, status_code=exc.status_code)
