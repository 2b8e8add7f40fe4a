"""Test doubles for the platforms the bot talks to."""
