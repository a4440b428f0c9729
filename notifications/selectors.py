from socialcrm.visibility import notifications_visible_to


def unread_count(user):
    return notifications_visible_to(user).filter(read_at__isnull=True).count()


def notifications_for(user):
    """The user's notifications about things they may still see."""
    return notifications_visible_to(user)
