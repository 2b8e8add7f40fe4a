"""Domain services: the programme's rules, on a database session and plain values."""
