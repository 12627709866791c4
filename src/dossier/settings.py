"""The one settings module: every value comes from a DOSSIER_* environment variable."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from dossier.infra.config import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    kept_master_key,
    kept_secret,
    storage_from_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("DOSSIER_DATA_DIR") or "./dossier-data").resolve()

DEBUG = env_bool("DOSSIER_DEBUG", False)
SECRET_KEY = os.environ.get("DOSSIER_SECRET_KEY") or kept_secret(DATA_DIR / "secret.key")

PUBLIC_URL = os.environ.get("DOSSIER_PUBLIC_URL") or "http://127.0.0.1:8000"
_public = urlsplit(PUBLIC_URL)
HTTPS = _public.scheme == "https"
ALLOWED_HOSTS = env_list("DOSSIER_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
if _public.hostname and _public.hostname not in ALLOWED_HOSTS:
    ALLOWED_HOSTS.append(_public.hostname)
CSRF_TRUSTED_ORIGINS = [f"{_public.scheme}://{_public.netloc}"]
if env_bool("DOSSIER_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

DATABASES = {
    "default": database_from_url(
        os.environ.get("DOSSIER_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'dossier.db'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STORAGE = storage_from_url(os.environ.get("DOSSIER_STORAGE_URL") or f"file://{DATA_DIR / 'files'}")
# Files are encrypted under master keys (docs/decisions/0006-blob-store.md): base64 keys from
# the environment (comma-separated, the first active), or a key file made once in the data
# directory. Without them the files cannot be read: back them up apart from the data.
MASTER_KEY = os.environ.get("DOSSIER_MASTER_KEY") or ""
MASTER_KEY_FILE = None if MASTER_KEY else kept_master_key(DATA_DIR / "master.key")
# The largest file one upload may carry; bigger ones are refused before they are stored.
MAX_UPLOAD_BYTES = int(os.environ.get("DOSSIER_MAX_UPLOAD_MB") or 2048) * 2**20

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "dossier.web",
    "dossier.infra.jobs",
    "dossier.infra.storage",
    "dossier.accounts",
    "dossier.access",
    "dossier.audit",
    "dossier.customfields",
    "dossier.customers",
    "dossier.interactions",
    "dossier.sales",
    "dossier.documents",
    "dossier.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dossier.web.middleware.security_headers",
    "dossier.web.middleware.api_error_bodies",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF: its process_view reads the body, and file uploads must stream into the
    # blob store from the first byte (docs/decisions/0006-blob-store.md).
    "dossier.documents.uploads.stream_uploads",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dossier.web.middleware.unit_of_work",
    "dossier.web.middleware.dossier_errors",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dossier.urls"
WSGI_APPLICATION = "dossier.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dossier.web.context.navigation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("DOSSIER_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "accounts:login"

SESSION_COOKIE_NAME = "dossier_session"
SESSION_COOKIE_AGE = env_int("DOSSIER_SESSION_MINUTES", 480) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_NAME = "dossier_csrftoken"
CSRF_COOKIE_SECURE = HTTPS
CSRF_FAILURE_VIEW = "dossier.web.views.csrf_failure"
SECURE_SSL_REDIRECT = HTTPS and env_bool("DOSSIER_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

AXES_FAILURE_LIMIT = env_int("DOSSIER_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DOSSIER_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dossier.accounts.views.locked_out"
AXES_VERBOSE = False

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "dossier_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = os.environ.get("DOSSIER_TIME_ZONE") or "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

API_TOKEN_TOUCH_SECONDS = 300  # how stale `last_used_at` may get, to spare a write per call

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DOSSIER_LOG_LEVEL") or "INFO"},
    "loggers": {"axes": {"level": "WARNING"}},
}

# The audit chain is keyed by a secret kept outside the database, so rows edited with SQL
# alone cannot be re-hashed to look intact. Keep it with backups; every process needs the same.
AUDIT_KEY = os.environ.get("DOSSIER_AUDIT_KEY") or kept_secret(DATA_DIR / "audit.key")
