class RetryableModelError(Exception):
    """A rate-limited model call, retried by the caller; carries the text to show if all fail."""

    def __init__(self, cause: Exception, fallback_text: str) -> None:
        super().__init__(str(cause))
        self.cause = cause
        self.fallback_text = fallback_text


class ModelConfigError(Exception):
    pass
