"""Spam and abuse protection for the public partner form: submissions per IP address per hour.

Counted in the shared cache (Redis in production), so every web process sees the same count.
`FEEDBACK_FORM_RATE_LIMIT` (default 10 per hour) may be set in settings.
"""

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60 * 60
DEFAULT_LIMIT = 10


def allow_submission(ip_address):
    """Count one attempt from `ip_address`; False once the hourly limit is used up."""
    limit = getattr(settings, "FEEDBACK_FORM_RATE_LIMIT", DEFAULT_LIMIT)
    key = f"feedback-form-rate:{ip_address or 'unknown'}"
    cache.add(key, 0, timeout=WINDOW_SECONDS)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=WINDOW_SECONDS)
        attempts = 1
    # None: the cache (Redis) is down. Keeping a partner's feedback matters more than counting.
    return attempts is None or attempts <= limit
