"""Sending e-mail through the school's SMTP server, when one is configured.

Python's own smtplib and email packages do the work: they speak STARTTLS and SSL, log in, and
take a timeout, so a mail server that hangs cannot hold a worker for long. Without
PLANNER_SMTP_HOST nothing is sent and the pages show the link to pass on instead.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Sequence
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app


class MailError(RuntimeError):
    """The mail server could not be reached or refused the message."""


def mail_enabled() -> bool:
    """Whether this installation sends e-mail (an SMTP host is configured)."""
    return bool(current_app.config.get("SMTP_HOST"))


def send_mail(to: Sequence[str], subject: str, body: str, *, bcc: bool = False) -> None:
    """Send a plain-text message; with `bcc` the recipients do not see each other.

    Raises MailError when the server cannot be reached or refuses the message."""
    config = current_app.config
    sender = str(config["SMTP_SENDER"])
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = sender if bcc else ", ".join(to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content(body)
    try:
        with _connect() as server:
            server.send_message(message, from_addr=sender, to_addrs=list(to))
    except (OSError, smtplib.SMTPException) as error:
        current_app.logger.warning("Sending e-mail failed: %s", error)
        raise MailError(str(error)) from error


def _connect() -> smtplib.SMTP:
    config = current_app.config
    host, port = str(config["SMTP_HOST"]), int(config["SMTP_PORT"])
    timeout = float(config["SMTP_TIMEOUT_SECONDS"])
    security = config.get("SMTP_SECURITY", "starttls")
    context = ssl.create_default_context()
    if security == "ssl":
        server: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        server = smtplib.SMTP(host, port, timeout=timeout)
    try:
        if security == "starttls":
            server.starttls(context=context)
        if config.get("SMTP_USERNAME"):
            server.login(str(config["SMTP_USERNAME"]), str(config.get("SMTP_PASSWORD") or ""))
    except BaseException:
        server.close()
        raise
    return server
