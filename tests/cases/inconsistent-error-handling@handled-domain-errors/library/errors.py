from fastapi import Request
from fastapi.responses import JSONResponse


class LibraryError(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BookMissing(LibraryError):
    status = 404


class LoanLimitReached(LibraryError):
    status = 409


class HoldConflict(LibraryError):
    status = 409


async def library_error(request: Request, exc: LibraryError) -> JSONResponse:
    return JSONResponse({"code": type(exc).__name__, "detail": exc.detail}, status_code=exc.status)
