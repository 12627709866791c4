"""Technical pieces that know no customer: configuration, jobs, and (later) storage and mail."""
