from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

# Besides /portal/, a signed-in partner user may sign out, switch language and load static files.
PARTNER_PATHS = ("/portal/", "/logout/", "/i18n/setlang/", "/static/", "/healthz")


class PartnerBoundaryMiddleware:
    """A partner user never reaches a staff page, the Django admin or the staff API: everything
    outside the portal is refused (the home page sends them to the portal's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.role == user.Role.PARTNER:
            if request.path == "/":
                return redirect(reverse("portal:home"))
            if not request.path.startswith(PARTNER_PATHS):
                raise PermissionDenied
        return self.get_response(request)
