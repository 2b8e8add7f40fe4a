"""Channel adapters: platform updates to `Incoming`, and `Reply` to platform calls."""
