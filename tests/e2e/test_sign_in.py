import pytest
from django.core.management import call_command

from socialcrm.demo import DEMO_PASSWORD


@pytest.mark.django_db(transaction=True)
def test_demo_account_manager_signs_in_and_sees_their_home(sign_in, page, console_errors):
    call_command("seed_demo")
    sign_in("am", DEMO_PASSWORD)
    assert page.locator("h1").first.inner_text().startswith("Good day")
    assert page.get_by_role("heading", name="My accounts", exact=True).is_visible()
    assert page.get_by_text("Lumière Skincare").first.is_visible()
    page.select_option("select[name=language]", "zh-hans")
    page.wait_for_load_state("networkidle")
    assert "客户" in page.locator("nav.mainnav").inner_text()
    assert console_errors == []
