"""Strings Django itself renders but its Chinese catalog does not translate yet.

Listing them here lets `makemessages` put them in our catalog, which takes precedence.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = (gettext_noop("- Select an option -"),)
