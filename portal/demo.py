"""Demo partner users: the primary contact of the first advertiser ("client") and of the first
publisher carrying a campaign ("kol"), both with the demo password."""

from django.contrib.auth import get_user_model

from socialcrm.demo import DEMO_PASSWORD

User = get_user_model()


def seed(ctx):
    carried = next((p for p in ctx.publishers if p.carried_campaigns.exists()), ctx.publishers[0])
    for username, account in (("client", ctx.advertisers[0]), ("kol", carried)):
        contact = account.contacts.filter(is_primary=True).first()
        user = User(username=username, email=contact.email, first_name=contact.name[:150],
                    role=User.Role.PARTNER, contact=contact, language="zh-hans" if ctx.chinese else "")
        user.set_password(DEMO_PASSWORD)
        user.save()
        ctx.users[username] = user
    ctx.log.append("2 partner users (client, kol)")
