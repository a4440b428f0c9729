"""Under /api/, an error is JSON even when it never reached the API's own handlers.

An unknown or non-numeric path (Django's 404), a method the endpoint does not answer (405), a body
too large to read (413) or a failure outside a view would otherwise answer Django's HTML pages.
The pages for people that live under the prefix (the token page) keep their HTML.
"""

from api.errors import error_response
from api.urls import PAGES_FOR_PEOPLE

API_PREFIX = "/api/"


class JsonErrorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code >= 400 and _is_api_call(request) and not _is_json(response):
            return _as_json(response)
        return response


def _is_api_call(request):
    match = request.resolver_match
    return request.path.startswith(API_PREFIX) and not (match and match.url_name in PAGES_FOR_PEOPLE)


def _is_json(response):
    return response.get("Content-Type", "").startswith("application/json")


def _as_json(response):
    replacement = error_response(response.status_code)
    for header in ("Allow", "WWW-Authenticate", "Retry-After"):
        if header in response:
            replacement[header] = response[header]
    return replacement
