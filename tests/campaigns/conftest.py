from datetime import timedelta

import pytest
from django.utils import timezone

from campaigns import services
from campaigns.default_plan import install_default_template
from campaigns.models import PlanTemplate, PlanTemplateStep


@pytest.fixture
def default_template(db):
    return install_default_template(PlanTemplate, PlanTemplateStep)


@pytest.fixture
def planned(alliance, default_template):
    """campaign_a (led by lead_a, managed by am_a) with the default plan, launching in six weeks."""
    campaign = alliance["campaign_a"]
    campaign.launch_on = timezone.localdate() + timedelta(days=42)
    campaign.end_on = campaign.launch_on + timedelta(days=30)
    campaign.save()
    services.generate_plan(actor=alliance["admin"], campaign=campaign, template=default_template)
    return {**alliance, "plan": {m.kind: m for m in campaign.milestones.all()}}
