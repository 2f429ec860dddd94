"""Imports inside the function: `Account` is the class the package re-exports, not the submodule."""


def owner_emails(rows) -> list:
    from app.models import Account
    from app.jobs import heartbeat

    emails = [getattr(row, Account.email.__class__.__name__, "") for row in rows]
    period = heartbeat.PERIOD  # expect: undefined-name
    return emails * period
