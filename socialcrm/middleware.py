from django.http import HttpResponseBadRequest
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _


class VaryOnHtmxMiddleware:
    """A partial and its full page share a URL: caches must keep them apart, per user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        patch_vary_headers(response, ("HX-Request", "Cookie"))
        return response


class RefuseNulCharactersMiddleware:
    """A NUL character in a query or form parameter is refused with a 400.

    No person types one, PostgreSQL cannot store or compare text containing it, and views that
    read a filter straight from the query string would otherwise fail with a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request.GET) or (request.method == "POST" and _has_nul(request.POST)):
            return HttpResponseBadRequest(_("The request contains a NUL character."),
                                          content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def _has_nul(query_dict):
    return any("\x00" in key or any("\x00" in value for value in values)
               for key, values in query_dict.lists())
