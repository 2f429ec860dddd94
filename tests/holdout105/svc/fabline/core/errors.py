"""Domain errors and their HTTP mapping."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class FablineError(Exception):
    status_code = 400
    code = "fabline_error"


class NotFound(FablineError):
    status_code = 404
    code = "not_found"


class Conflict(FablineError):
    status_code = 409
    code = "conflict"


class LotOnHold(Conflict):
    code = "lot_on_hold"


class RecipeParseError(FablineError):
    code = "recipe_parse_error"


class ErpError(FablineError):
    status_code = 502
    code = "erp_error"


class GatewayError(FablineError):
    status_code = 502
    code = "gateway_error"


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(FablineError)
    async def _fabline_error(_: Request, exc: FablineError) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code,
            content={"error": exc.code, "detail": str(exc)},
        )
