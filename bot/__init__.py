"""okoce-bot: the phone front door of Jakarta's OK OCE entrepreneurship programme."""
