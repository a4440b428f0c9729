from tests.factories import CampaignFactory


def campaigns_named(lead, advertiser, *names):
    return {name: CampaignFactory(name=name, project_lead=lead, advertiser=advertiser) for name in names}
