"""Bearer-token authentication of the API.

Only the `Authorization: Bearer` header counts; the session cookie is ignored, so a page cannot
ride a signed-in user's session into the API (which is why the API may skip CSRF checks: a browser
never sends that header on its own).
"""

from django.utils import timezone
from ninja.security import HttpBearer

from api.models import ApiToken, hash_token
from socialcrm.visibility import may_use_api


class BearerToken(HttpBearer):
    """The active token named by the header becomes `request.auth`; its user `request.user`."""

    def __call__(self, request):
        # Read here rather than by HttpBearer, which logs an unexpected header (a secret) in DEBUG.
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        return self.authenticate(request, secret) if scheme.lower() == "bearer" else None

    def authenticate(self, request, token):
        api_token = active_token(token.strip())
        if api_token is not None:
            request.user = api_token.user
        return api_token


def active_token(secret):
    """The active token with this secret, or None. Marks it as used."""
    if not secret:
        return None
    token = ApiToken.objects.active().select_related("user").filter(token_hash=hash_token(secret)).first()
    if token is not None and not may_use_api(token.user):
        return None
    if token is not None:
        token.last_used_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token
