"""A project logger class whose extra level forwards everything to `Logger.log`."""
import logging

FEED = 25


class DeskLogger(logging.Logger):
    def feed(self, msg, *args, **kwargs):
        self.log(FEED, msg, *args, **kwargs)


logging.setLoggerClass(DeskLogger)
log = logging.getLogger("desk")
