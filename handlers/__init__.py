"""Telegram adapters, one module per feature; ``register_all`` wires them into the app."""

from __future__ import annotations

from telegram.ext import Application, BaseHandler, CommandHandler

from handlers import (
    acting,
    arahan_ubah,
    directive_admin,
    directives,
    errors,
    evidence,
    export,
    groups,
    imports,
    messages,
    onboarding,
    opd,
    people,
    perpanjangan,
    rakor,
    rakor_report,
    reminders,
    reports,
    status,
    verification,
)

FEATURES = (
    onboarding,
    people,
    acting,
    opd,
    imports,
    rakor,
    directives,
    directive_admin,
    arahan_ubah,
    groups,
    reports,
    verification,
    perpanjangan,
    evidence,
    status,
    export,
    rakor_report,
    reminders,
    messages,
)


def register_all(app: Application) -> frozenset[str]:  # type: ignore[type-arg]
    """Add every feature's handlers, then the fallbacks; returns the commands offered."""
    offered: set[str] = set()
    for feature in FEATURES:
        found: list[BaseHandler] = feature.handlers()  # type: ignore[type-arg]
        for handler in found:
            app.add_handler(handler)
            if isinstance(handler, CommandHandler):
                offered |= set(handler.commands)
    for handler in errors.handlers():
        app.add_handler(handler)
    app.add_error_handler(errors.on_error)
    offered.discard("help")
    return frozenset(offered)
