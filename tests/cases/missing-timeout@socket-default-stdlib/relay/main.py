"""A relay whose sockets share one process-wide limit, set before anything connects."""
import socket
import smtplib
from email.message import EmailMessage

socket.setdefaulttimeout(20)


def relay(host: str, message: EmailMessage) -> None:
    with smtplib.SMTP(host, 587) as smtp:
        smtp.starttls()
        smtp.send_message(message)


def relay_plain(host: str, message: EmailMessage) -> None:
    with smtplib.SMTP(host, 25, timeout=None) as smtp:  # expect: missing-timeout
        smtp.send_message(message)
