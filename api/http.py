"""The plumbing every API view shares: bearer-token authentication and JSON errors.

Only token-authenticated views are CSRF-exempt, which is safe because a browser never sends the
`Authorization: Bearer` header on its own; the session cookie is ignored here, so a page cannot
ride a signed-in user's session into the API.
"""

import json
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from api.models import ApiToken, hash_token


class ApiError(Exception):
    """A client mistake: answered with `status` and a JSON body, never a 500."""

    def __init__(self, message, *, status=400, code="invalid", **details):
        super().__init__(message)
        self.message, self.status, self.code, self.details = message, status, code, details


def error_response(status, code, message, **details):
    return JsonResponse({"error": {"code": code, "message": str(message), **details}}, status=status)


def api_view(*methods):
    """Token-authenticated JSON view answering only `methods`; the view receives the token."""

    def decorate(view):
        @login_not_required
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                response = error_response(405, "method_not_allowed", _("Method not allowed."))
                response["Allow"] = ", ".join(methods)
                return response
            token = authenticate(request)
            if token is None:
                response = error_response(401, "unauthorized", _("A valid API token is required."))
                response["WWW-Authenticate"] = 'Bearer realm="api"'
                return response
            request.user = token.user
            try:
                return view(request, token, *args, **kwargs)
            except ApiError as error:
                return error_response(error.status, error.code, error.message, **error.details)
            except Http404:
                return error_response(404, "not_found", _("Not found."))
            except PermissionDenied:
                return error_response(403, "forbidden", _("Your role may not do this."))

        wrapper.is_api_view = True
        return wrapper

    return decorate


def authenticate(request):
    """The active token named by the Authorization header, or None. Marks it as used."""
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    secret = secret.strip()
    if scheme.lower() != "bearer" or not secret:
        return None
    token = ApiToken.objects.active().select_related("user").filter(token_hash=hash_token(secret)).first()
    if token is not None:
        token.last_used_at = timezone.now()
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=token.last_used_at)
    return token


def json_body(request):
    try:
        return json.loads(request.body or b"null")
    except RequestDataTooBig:
        raise ApiError(_("The request body is too large; send fewer rows per request."),
                       status=413, code="too_large") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApiError(_("The body is not valid JSON: %(error)s") % {"error": error}, code="bad_json") from None
