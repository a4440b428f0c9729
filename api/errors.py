"""Every answer of the API that is not a success: `{"error": {"code", "message", ...}}`, never HTML.

`install_handlers` teaches the django-ninja API to answer its exceptions this way; `api.middleware`
does the same for what never reaches it (an unknown path, a wrong method, a failure outside a view).
"""

import logging

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.signals import got_request_exception
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja.errors import AuthenticationError, HttpError, ValidationError

logger = logging.getLogger("django.request")

# The code and message of a status when nothing more precise is known.
STATUS_ERRORS = {
    400: ("invalid", gettext_lazy("The request is not valid.")),
    401: ("unauthorized", gettext_lazy("A valid API token is required.")),
    403: ("forbidden", gettext_lazy("Your role may not do this.")),
    404: ("not_found", gettext_lazy("Not found.")),
    405: ("method_not_allowed", gettext_lazy("Method not allowed.")),
    413: ("too_large", gettext_lazy("The request body is too large; send fewer rows per request.")),
    429: ("throttled", gettext_lazy("Too many requests; try again later.")),
    500: ("server_error", gettext_lazy("The server failed to answer; the failure has been logged.")),
}
AUTHENTICATE = 'Bearer realm="api"'


class ApiError(Exception):
    """A client mistake: answered with `status` and a JSON body, never a 500."""

    def __init__(self, message, *, status=400, code="invalid", **details):
        super().__init__(message)
        self.message, self.status, self.code, self.details = message, status, code, details


def field_error(name, message):
    """An ApiError about one field, in the shape of the framework's own parameter errors."""
    return ApiError(f"{name}: {message}", fields={name: [{"message": message, "code": "invalid"}]})


def error_response(status, code=None, message=None, **details):
    default_code, default_message = STATUS_ERRORS.get(status, STATUS_ERRORS[status // 100 * 100])
    response = JsonResponse({"error": {"code": code or default_code, "message": str(message or default_message),
                                       **details}}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = AUTHENTICATE
    return response


def install_handlers(api):
    api.add_exception_handler(ApiError, _api_error)
    api.add_exception_handler(ValidationError, _invalid_parameters)
    api.add_exception_handler(AuthenticationError, lambda request, exc: error_response(401))
    api.add_exception_handler(HttpError, _http_error)
    api.add_exception_handler(Http404, lambda request, exc: error_response(404))
    api.add_exception_handler(PermissionDenied, lambda request, exc: error_response(403))
    api.add_exception_handler(RequestDataTooBig, lambda request, exc: error_response(413))
    api.add_exception_handler(Exception, _server_error)


def _api_error(request, exc):
    return error_response(exc.status, exc.code, exc.message, **exc.details)


def _http_error(request, exc):
    if exc.status_code == 400 and exc.__cause__ is not None:  # the body did not parse
        return error_response(400, "bad_json", _("The body is not valid JSON: %(error)s") % {"error": exc.__cause__})
    return error_response(exc.status_code)


def _invalid_parameters(request, exc):
    """Parameters the framework refused, in the shape the feedback form's errors have."""
    fields = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error["loc"]), []).append({"message": reason(error), "code": error["type"]})
    summary = "; ".join(f"{name}: {problems[0]['message']}" if name else problems[0]["message"]
                        for name, problems in fields.items())
    return error_response(400, "invalid", summary, fields=fields)


def _field_name(location):
    """("query", "page_size") -> "page_size". A body is read whole into one parameter, whose name
    (the second part) means nothing to the sender: ("body", "rows") -> "" (the body itself)."""
    parts = location[2:] if location[0] == "body" else location[1:]
    return ".".join(str(part) for part in parts)


def reason(error):
    """A pydantic error in the reader's language; pydantic's English for the rare kinds not listed."""
    context = error.get("ctx", {})
    kind = error["type"]
    if kind == "missing":
        return _("This field is required.") if _field_name(error["loc"]) else _("Send a JSON body.")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return _("Enter a whole number.")
    if kind == "greater_than_equal":
        return _("Must be at least %(limit)s.") % {"limit": context["ge"]}
    if kind == "less_than_equal":
        return _("Must be at most %(limit)s.") % {"limit": context["le"]}
    if kind.startswith("date_"):
        return _("Enter a date like 2026-10-01.")
    if kind == "literal_error":
        return _("Must be one of: %(allowed)s.") % {"allowed": context["expected"]}
    if kind == "string_too_long":
        return _("At most %(limit)s characters.") % {"limit": context["max_length"]}
    return error["msg"]


def _server_error(request, exc):
    # Django's own path for a failing view: error reporters listen to this signal.
    got_request_exception.send(sender=None, request=request)
    logger.error("Internal Server Error: %s", request.path, exc_info=exc,
                 extra={"status_code": 500, "request": request})
    return error_response(500)
