"""Sales opportunities and the stage pipeline they move through."""
