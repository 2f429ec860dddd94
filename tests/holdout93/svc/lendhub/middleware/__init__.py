from .errors import install_error_handlers
from .http import RateLimitMiddleware, RequestIdMiddleware

__all__ = ["install_error_handlers", "RateLimitMiddleware", "RequestIdMiddleware"]
