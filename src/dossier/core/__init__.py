"""Framework-free building blocks shared by every app: errors, the actor, the clock, paging."""
