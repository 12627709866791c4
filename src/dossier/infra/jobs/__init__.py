"""Background jobs: one table in the database, claimed by `dossier worker` processes."""
