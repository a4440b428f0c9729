from django.contrib.auth.decorators import login_not_required
from django.urls import path

from api import views
from api.endpoints import api

# Pages for people (session sign-in) under the API's prefix; not part of the API contract.
PAGES_FOR_PEOPLE = {"tokens", "token_revoke"}


def _token_authenticated(patterns):
    """The API authenticates by token itself: the sign-in middleware must not redirect to a login page."""
    for pattern in patterns:
        login_not_required(pattern.callback)
    return patterns


app_name = "api"
urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    *_token_authenticated(api.urls[0]),
]
