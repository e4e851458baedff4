"""The admin command line for a Pemda's IT staff (`python -m bot PERINTAH`): check, migrate,
backup, restore, an admin invite made from the server, and the outbox's unknown messages.

Loaded only when a subcommand runs: the bot's own start-up never imports this package.
"""
