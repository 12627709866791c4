"""The access policy: which permissions exist and whether an actor holds one."""
