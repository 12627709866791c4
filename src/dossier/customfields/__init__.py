"""Record templates and their fields: what a form shows, what the API and imports accept."""
