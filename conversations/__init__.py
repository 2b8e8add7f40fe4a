"""The channel-neutral conversation core: `Incoming` in, `Reply` out.

Nothing here imports a chat platform's library; channel adapters in `handlers/`
translate platform updates to `Incoming` and render each `Reply`.
"""
