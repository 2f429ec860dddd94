from __future__ import annotations

import logging
import logging.config


def configure_logging(level: str = "INFO") -> None:
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            },
            "handlers": {
                "stdout": {"class": "logging.StreamHandler", "formatter": "plain"},
            },
            "root": {"level": level, "handlers": ["stdout"]},
        }
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)
