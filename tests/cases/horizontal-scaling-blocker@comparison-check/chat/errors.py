class TooManyAttempts(Exception):
    pass
