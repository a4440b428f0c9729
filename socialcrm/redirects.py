"""Where to go after an action: the page the user came from when it is ours, else a default."""

from django.utils.http import url_has_allowed_host_and_scheme


def next_url(request, default):
    """`next` from the form or query if it is a path on this site, else `default`.

    Only absolute paths count: a bare word would be taken by `redirect()` for a view name, and a
    URL with a host or scheme could lead off the site.
    """
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default
