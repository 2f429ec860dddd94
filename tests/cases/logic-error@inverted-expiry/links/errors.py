class LinkExpiredError(Exception):
    pass


class ExpiredReservation(Exception):
    pass
