"""Sync delivery helpers, run in a thread pool by the API."""
import ftplib
import imaplib
import poplib
import smtplib
from email.message import EmailMessage
from http.client import HTTPSConnection


def send_notice(host: str, port: int, message: EmailMessage) -> None:
    with smtplib.SMTP(host, port) as smtp:  # expect: missing-timeout
        smtp.send_message(message)


def send_receipt(host: str, port: int, message: EmailMessage) -> None:
    with smtplib.SMTP(host, port, None, 15) as smtp:
        smtp.send_message(message)


def send_invoice(host: str, message: EmailMessage) -> None:
    with smtplib.SMTP_SSL(host, 465, timeout=20) as smtp:
        smtp.send_message(message)


def upload_manifest(host: str, path: str) -> None:
    with ftplib.FTP(host) as ftp, open(path, "rb") as handle:  # expect: missing-timeout
        ftp.login()
        ftp.storbinary("STOR manifest.csv", handle)


def bounced(host: str) -> int:
    box = poplib.POP3(host, 110, 30)
    try:
        return len(box.list()[1])
    finally:
        box.quit()


def unread(host: str, user: str, password: str) -> int:
    mail = imaplib.IMAP4_SSL(host)  # expect: missing-timeout
    mail.login(user, password)
    status, data = mail.search(None, "UNSEEN")
    return len(data[0].split()) if status == "OK" else 0


def ping_gateway(host: str) -> int:
    conn = HTTPSConnection(host, timeout=5)
    conn.request("HEAD", "/")
    return conn.getresponse().status
