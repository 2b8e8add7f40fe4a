"""Tests for the test doubles in tests/fakes."""
