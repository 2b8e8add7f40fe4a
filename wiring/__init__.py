"""The top floor: starts everything and is the only package that knows every layer.

The CLI, application start-up, the outbox dispatcher that renders rows and hands them
to channels, and the web routes live here; `bot/` (the ground), `conversations/` (the
core) and `handlers/` (the adapters) never import it.
"""
