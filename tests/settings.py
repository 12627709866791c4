"""Test settings: SQLite by default, PostgreSQL when DOSSIER_TEST_DATABASE_URL says."""

import atexit
import os
import shutil
import tempfile

if "DOSSIER_DATA_DIR" not in os.environ:
    os.environ["DOSSIER_DATA_DIR"] = tempfile.mkdtemp(prefix="dossier-test-")
    atexit.register(shutil.rmtree, os.environ["DOSSIER_DATA_DIR"], ignore_errors=True)
os.environ["DOSSIER_DATABASE_URL"] = (
    os.environ.get("DOSSIER_TEST_DATABASE_URL") or "sqlite:///:memory:"
)

from dossier.settings import *  # noqa: F403

# Hashing with argon2 on every test user would dominate the run; production keeps argon2
# (tests/accounts/test_passwords.py checks both).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.MD5PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
