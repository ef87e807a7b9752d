"""`flask incidents purge`: delete incident records whose retention period has passed."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from planner import clock
from planner.extensions import db
from planner.policy.incidents import purge_expired

incident_cli = AppGroup("incidents", help="Incident records.")


@incident_cli.command("purge")
def purge_command() -> None:
    """Delete closed incident records whose retention period has passed."""
    count = purge_expired(clock.today())
    db.session.commit()
    click.echo(f"{count} incident record(s) deleted.")
