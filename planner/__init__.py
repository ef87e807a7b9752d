"""Jaarplanner Mediawijsheid: plan a school year of media literacy and bullying prevention.

This module makes the app (create_app) and registers every blueprint and command. The packages
form one-way layers, each importing only those below it (pyproject.toml [tool.importlinter],
`make lint`): web, demo, retention → exports, audit → evenings, policy → plans → catalogue →
accounts → schools → core, mail, locking → the kernel (i18n, grades, errors, extensions) →
clock, config. Pages and commands (views, api, forms, cli) may use any domain's operations,
never another blueprint's views. Each package's docstring says what it owns.
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from planner import config
from planner.extensions import babel, csrf, db, migrate

MIGRATIONS_DIR = os.path.join(os.path.dirname(__file__), "migrations")


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, commands."""
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(config.TEMPLATES),
    )
    os.makedirs(app.instance_path, exist_ok=True)
    app.config.from_mapping(config.DEFAULTS)
    app.config.from_mapping(config.from_environment(app.instance_path))
    if test_config:
        app.config.from_mapping(test_config)

    if app.config.get("BEHIND_PROXY"):
        # Client addresses (used to limit parents' responses) and https come from the proxy.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)  # type: ignore[method-assign]
    _init_extensions(app)
    _register_blueprints(app)
    _register_commands(app)
    return app


def _init_extensions(app: Flask) -> None:
    from planner.accounts.views import current_actor, init_login
    from planner.core.limits import apply_body_limit
    from planner.web.locale import select_locale

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True)
    babel.init_app(app, locale_selector=select_locale)
    # Before the CSRF check, the first to read a posted form: each route's body limit.
    app.before_request(apply_body_limit)
    csrf.init_app(app)
    init_login(app)
    # Import models so that migrations know every table.
    from planner.accounts import models as account_models  # noqa: F401
    from planner.audit import models as audit_models  # noqa: F401
    from planner.audit import recorder
    from planner.catalogue import models as catalogue_models  # noqa: F401
    from planner.evenings import models as evening_models  # noqa: F401
    from planner.exports import models as export_models  # noqa: F401
    from planner.plans import models as plan_models  # noqa: F401
    from planner.policy import models as policy_models  # noqa: F401
    from planner.schools import models as school_models  # noqa: F401

    recorder.install(actor=current_actor)


def _register_blueprints(app: Flask) -> None:
    from planner.accounts.views import bp as accounts
    from planner.audit.views import bp as audit
    from planner.catalogue.api import bp as catalogue_api
    from planner.catalogue.views import bp as catalogue_views
    from planner.core.routing import IdConverter
    from planner.evenings.views import bp as evenings
    from planner.exports.views import bp as exports
    from planner.plans.views import bp as plans
    from planner.policy.views import bp as policy
    from planner.schools.api import bp as calendar_api
    from planner.schools.views import bp as schools
    from planner.web.hooks import bp as web
    from planner.web.start import bp as start

    blueprints = (
        web,
        start,
        catalogue_views,
        catalogue_api,
        accounts,
        schools,
        calendar_api,
        plans,
        evenings,
        policy,
        exports,
        audit,
    )
    # Before any route is added: an id too large for the database is simply not found.
    app.url_map.converters["int"] = IdConverter
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def _register_commands(app: Flask) -> None:
    from planner.backup.cli import backup_command, restore_command
    from planner.catalogue.cli import catalogue_cli
    from planner.demo.cli import demo_command
    from planner.exports.cli import export_cli
    from planner.plans.cli import plan_cli
    from planner.policy.cli import incident_cli
    from planner.retention import retention_command
    from planner.schools.cli import calendar_cli

    app.cli.add_command(catalogue_cli)
    app.cli.add_command(export_cli)
    app.cli.add_command(calendar_cli)
    app.cli.add_command(demo_command)
    app.cli.add_command(plan_cli)
    app.cli.add_command(incident_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(retention_command)
