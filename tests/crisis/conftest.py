import pytest

from crisis import services
from crisis.models import Incident, PlaybookTemplate


@pytest.fixture
def open_incident(alliance):
    """Opens an incident on Advertiser A and campaign A as its account manager."""

    def make(*, user=None, accounts=None, campaigns=None, owner=None, **fields):
        user = user or alliance["am_a"]
        values = {"title": "CTR collapse", "incident_type": Incident.Type.PERFORMANCE, "severity": "high",
                  "scope": Incident.Scope.CAMPAIGN, **fields}
        return services.open_incident(
            user=user, owner=owner or user,
            accounts=accounts if accounts is not None else [alliance["adv_a"]],
            campaigns=campaigns if campaigns is not None else [alliance["campaign_a"]], **values,
        )

    return make


@pytest.fixture
def playbook(db):
    return PlaybookTemplate.objects.create(incident_type=Incident.Type.PERFORMANCE, steps=[
        {"title": "Confirm the numbers", "owner": "project_lead", "due_in_days": 1},
        {"title": "Call the advertiser", "owner": "account_manager", "due_in_days": 2},
    ])


def write_postmortem(incident, user):
    return services.write_postmortem(user=user, incident=incident, what_happened="CTR fell.",
                                     root_cause="Untested creatives.", what_we_changed="A/B gate.")


def walk_to(incident, user, *statuses):
    for status in statuses:
        incident = services.transition(user=user, incident=incident, to_status=status)
    return incident
