from __future__ import annotations


class GridfarmError(Exception):
    status_code = 500


class NotFound(GridfarmError):
    status_code = 404


class Conflict(GridfarmError):
    status_code = 409


class UpstreamError(GridfarmError):
    status_code = 502


class DeadlineMissed(GridfarmError):
    status_code = 504


class GatewayAuthError(GridfarmError):
    status_code = 401
