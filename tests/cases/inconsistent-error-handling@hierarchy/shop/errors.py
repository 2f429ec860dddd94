"""Domain errors; `shop.main` maps every AppError to its status code."""
from __future__ import annotations


class AppError(Exception):
    status_code = 500

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class BadInput(AppError):
    status_code = 422
