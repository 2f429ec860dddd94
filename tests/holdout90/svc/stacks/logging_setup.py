from __future__ import annotations

import logging
import logging.config

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": "INFO"},
}


def configure_logging(level: str = "INFO") -> None:
    config = dict(LOGGING)
    config["root"] = {"handlers": ["stdout"], "level": level}
    logging.config.dictConfig(config)
