"""One search over customers, contacts, opportunities, service records, interactions and files."""
