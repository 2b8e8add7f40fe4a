"""The one aiohttp application: webhooks, health check, and later the showcase."""
