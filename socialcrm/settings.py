"""One settings module, read from the environment.

Unset variables give the embedded default: SQLite, eager Celery and a local-memory cache.
Production values are the defaults wherever safety is at stake (DEBUG off, secure cookies, HSTS).
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = "PYTEST_VERSION" in os.environ

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
    SECRET_KEY = "django-insecure-development-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "audit.admin_config.AuditedAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "socialcrm",
    "outbox",
    "audit",
    "notifications",
    "accounts",
    "workdays",
    "campaigns",
    "imports",
    "feedback",
    "crisis",
    "reports",
    "governance",
    "training",
    "social",
    "api",
    "portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "api.middleware.JsonErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "socialcrm.middleware.RefuseNulCharactersMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "socialcrm.middleware.VaryOnHtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "portal.middleware.PartnerBoundaryMiddleware",
]

ROOT_URLCONF = "socialcrm.urls"
WSGI_APPLICATION = "socialcrm.wsgi.application"
ASGI_APPLICATION = "socialcrm.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "socialcrm.context_processors.navigation",
            ],
            "builtins": ["django.templatetags.i18n", "django_htmx.templatetags.django_htmx"],
        },
    }
]

# Database: PostgreSQL through psycopg 3 when DATABASE_URL is set, else a local SQLite file.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
USES_POSTGRES = DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
if not USES_POSTGRES:
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and cache when REDIS_URL is set; otherwise eager tasks and local memory.
# With Redis down the cache behaves as an empty one (django-redis IGNORE_EXCEPTIONS) after at
# most the short socket timeouts: pages get slower, never a 500.
REDIS_URL = os.environ.get("REDIS_URL", "")
REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.5"))
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            # Parallel test workers (pytest-xdist) share one Redis: each keeps its own keys.
            "KEY_PREFIX": "socialcrm" + os.environ.get("PYTEST_XDIST_WORKER", ""),
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": REDIS_SOCKET_TIMEOUT,
                "SOCKET_TIMEOUT": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Test fixtures create many users; real password hashing would dominate the suite's time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: failures are counted per username *and* IP, and expire after a cool-off,
# so an attacker cannot lock a colleague out from another address and nobody is locked forever.
# Five failures are allowed; the sixth is refused (axes counts the failing attempt itself).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "6"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "socialcrm.client_ip.client_ip"
AXES_VERBOSE = False

# The client's address (socialcrm/client_ip.py): how many reverse proxies stand in front of the
# app, each appending to X-Forwarded-For; 0 ignores the header. TRUSTED_PROXIES (addresses or
# CIDR networks) optionally accepts the header only from those peers.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))
try:
    TRUSTED_PROXIES = [ipaddress.ip_network(item, strict=False) for item in env_list("TRUSTED_PROXIES")]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error

LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["socialcrm.formats"]
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["socialcrm.formats"]  # Chinese numbers grouped by thousands, as CLDR has them
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "socialcrm.staticfinders.PlotlyFinder",
]
# Manifest storage needs collectstatic; use it only where static files were collected.
STATIC_COLLECTED = env_bool("STATIC_COLLECTED", False)
# Uploads (import files, attachments) live in Django storage that web, worker and beat share:
# a directory on a shared volume (STORAGE_BACKEND=filesystem, MEDIA_ROOT) or S3-compatible object
# storage such as MinIO (STORAGE_BACKEND=s3) when they run on different machines. Code reaches
# files only through FileField / default_storage, never by path.
STORAGE_BACKEND = os.environ.get("STORAGE_BACKEND", "filesystem").strip().lower()
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", "") or BASE_DIR / "media")
if STORAGE_BACKEND == "s3":
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", "socialcrm"),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # MinIO and most S3-compatible stores want path-style addressing.
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE", "path"),
            "default_acl": None,  # private: the bucket's policy decides, objects are never public
            "file_overwrite": False,  # a second upload with the same name gets its own object
        },
    }
elif STORAGE_BACKEND == "filesystem":
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
else:
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'filesystem' or 's3'.")
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
# Uploads above 2.5 MB are streamed to a temporary file, never held in memory; the size limit is
# checked as the bytes arrive (socialcrm.upload_handlers), before anything is parsed.
FILE_UPLOAD_HANDLERS = [
    "socialcrm.upload_handlers.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(1024 * 1024 * 1024)))
IMPORTS_IN_FLIGHT_PER_USER = int(os.environ.get("IMPORTS_IN_FLIGHT_PER_USER", "2"))
# Account, contact and feedback imports still read their file whole: they keep a smaller limit.
TABLE_IMPORT_MAX_BYTES = int(os.environ.get("TABLE_IMPORT_MAX_BYTES", str(50 * 1024 * 1024)))
# XLSX is a zip: its expanded size and row count are capped so a zip bomb is refused unread.
IMPORT_MAX_ROWS = int(os.environ.get("IMPORT_MAX_ROWS", "2000000"))
IMPORT_XLSX_MAX_EXPANDED_BYTES = int(os.environ.get("IMPORT_XLSX_MAX_EXPANDED_BYTES", str(400 * 1024 * 1024)))
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))

# Security headers. The CSP allows no inline script: every <script> carries the request's nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # plotly.js writes <style> elements at run time; scripts stay strict.
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_HTTPONLY = True
# Tests talk plain HTTP to the test client and live server; production defaults to HTTPS only.
HTTPS_ONLY = not (DEBUG or TESTING)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", HTTPS_ONLY)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", HTTPS_ONLY)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", HTTPS_ONLY)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("BEHIND_TLS_PROXY", True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# Email goes out only from tasks (outbox.mail): a stalled server holds one worker for at most
# SMTP_TIMEOUT seconds (env EMAIL_TIMEOUT); failures are retried after EMAIL_RETRY_BASE * 2^n seconds (at most
# EMAIL_RETRY_MAX) up to EMAIL_MAX_ATTEMPTS times; a send still "sending" after
# EMAIL_SENDING_STALE seconds was cut off by a crash and is tried again.
SMTP_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_RETRY_BASE = int(os.environ.get("EMAIL_RETRY_BASE", "60"))
EMAIL_RETRY_MAX = int(os.environ.get("EMAIL_RETRY_MAX", str(60 * 60)))
EMAIL_MAX_ATTEMPTS = int(os.environ.get("EMAIL_MAX_ATTEMPTS", "12"))
EMAIL_SENDING_STALE = int(os.environ.get("EMAIL_SENDING_STALE", str(10 * 60)))
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend" if DEBUG else SMTP_BACKEND
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        # Only the SMTP backend takes connection options; others reject unknown ones.
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": int(os.environ.get("EMAIL_PORT", "25")),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": SMTP_TIMEOUT,
        }
        if EMAIL_BACKEND_PATH == SMTP_BACKEND
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SocialCRM <noreply@socialcrm.local>")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

# Milestones: "at risk" = due within this many days and not started; escalate after this many.
MILESTONE_WARNING_DAYS = int(os.environ.get("MILESTONE_WARNING_DAYS", "3"))
MILESTONE_ESCALATION_DAYS = int(os.environ.get("MILESTONE_ESCALATION_DAYS", "2"))

# Celery: tasks must survive a killed worker and never run twice to a different effect.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Eager (in-process) without a broker; the test suite also forces it so tasks run inside tests.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 60 * 60
# Redis redelivers an unacknowledged task after the visibility timeout, so a task whose worker
# was killed comes back within it (plus the 10 s at which workers look for expired ones).
# It must stay above the hard time limit, or a long task would be handed to a second worker
# while it still runs: long work is split into units that each finish well within the limits.
CELERY_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", str(5 * 60)))
CELERY_TASK_TIME_LIMIT = int(os.environ.get("CELERY_TASK_TIME_LIMIT", str(4 * 60)))
CELERY_TASK_SOFT_TIME_LIMIT = int(CELERY_TASK_TIME_LIMIT * 0.875)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The transactional outbox (outbox.relay): the on-commit attempt waits at most
# BROKER_PUBLISH_TIMEOUT seconds; after a failure this process leaves sending to the beat relay
# for OUTBOX_BROKER_PAUSE seconds; the relay sends rows older than OUTBOX_RELAY_GRACE seconds
# and resends a task not done OUTBOX_RESEND_AFTER seconds after it was sent.
BROKER_PUBLISH_TIMEOUT = float(os.environ.get("BROKER_PUBLISH_TIMEOUT", "0.5"))
OUTBOX_BROKER_PAUSE = int(os.environ.get("OUTBOX_BROKER_PAUSE", "30"))
OUTBOX_RELAY_GRACE = int(os.environ.get("OUTBOX_RELAY_GRACE", "10"))
OUTBOX_RESEND_AFTER = int(os.environ.get("OUTBOX_RESEND_AFTER", str(15 * 60)))
OUTBOX_MAX_DELIVERIES = int(os.environ.get("OUTBOX_MAX_DELIVERIES", "5"))
OUTBOX_KEEP_DAYS = int(os.environ.get("OUTBOX_KEEP_DAYS", "7"))
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
from socialcrm.beat import BEAT_SCHEDULE as CELERY_BEAT_SCHEDULE  # noqa: E402,F401

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
