import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEntry
from audit.services import record


@pytest.mark.django_db
def test_audit_trail_is_append_only(make_user):
    user = make_user()
    entry = record(actor=user, action="account.update", target=user, changes={"name": ["a", "b"]})
    entry.action = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="tampered")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "account.update"


@pytest.mark.django_db
def test_logins_and_failures_are_audited(client, make_user):
    make_user(username="mei")
    client.post(reverse("login"), {"username": "mei", "password": "nope"}, REMOTE_ADDR="10.1.1.1")
    client.post(reverse("login"), {"username": "mei", "password": "correct-horse-battery-staple"},
                REMOTE_ADDR="10.1.1.1")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "ip_address"))
    assert actions == [("login_failed", "10.1.1.1"), ("login", "10.1.1.1")]


@pytest.mark.django_db
def test_unexpected_errors_show_a_plain_page_without_a_trace(make_user, settings):
    from django.urls import path

    import socialcrm.urls

    def explode(request):
        raise RuntimeError("secret internals")

    settings.DEBUG = False
    settings.ROOT_URLCONF = type("Urls", (), {
        "urlpatterns": [path("boom/", explode), *socialcrm.urls.urlpatterns],
        "handler500": socialcrm.urls.handler500,
    })
    client = Client(raise_request_exception=False)
    client.force_login(make_user())
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


@pytest.mark.django_db
def test_unknown_pages_are_a_plain_404(client, make_user):
    client.force_login(make_user())
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "does not exist" in response.content.decode()
