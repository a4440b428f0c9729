"""The page where people manage their API tokens (a normal signed-in page, not the API itself)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from api import services
from api.forms import TokenForm


@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = services.create_token(user=request.user, name=form.cleaned_data["name"],
                                               request=request)
        form = TokenForm()
    context = {"form": form, "secret": secret, "tokens": request.user.api_tokens.all(),
               "api_root": request.build_absolute_uri(reverse("api:campaign_list"))}
    # The new secret is shown in this response only, never stored or redirected with.
    response = render(request, "api/tokens.html", context, status=400 if form.errors else 200)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(request.user.api_tokens, pk=pk)
    services.revoke_token(user=request.user, token=token, request=request)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("api:tokens")
