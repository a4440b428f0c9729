"""The address of the person behind a request: one answer for login throttling, audit and rate limits.

Behind reverse proxies REMOTE_ADDR is the last proxy, so the client is read from
X-Forwarded-For, but only as far as our own proxies vouch for it: each proxy appends the
address it received the request from, so with `PROXY_COUNT` proxies the client is the
`PROXY_COUNT`-th entry from the right. Everything left of it is whatever the client wrote and is
ignored. With no proxy configured the header is ignored entirely (anyone can send it).
`TRUSTED_PROXIES` (addresses or networks) further limits the header to requests that really
arrive from one of our proxies.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings
from python_ipware import IpWare


def client_ip(request):
    """The client's IP address as a string, or None when the request carries none."""
    remote_addr = request.META.get("REMOTE_ADDR") or None
    proxy_count = getattr(settings, "PROXY_COUNT", 0)
    if proxy_count < 1 or not _from_trusted_proxy(remote_addr):
        return remote_addr
    # ipware counts the proxies listed *inside* the header; the last proxy is REMOTE_ADDR.
    ip, _trusted = _ipware(proxy_count - 1).get_client_ip(request.META, strict=False)
    return str(ip) if ip is not None else remote_addr


@lru_cache(maxsize=8)
def _ipware(proxies_in_header):
    return IpWare(precedence=("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"), proxy_count=proxies_in_header)


def _from_trusted_proxy(remote_addr):
    networks = getattr(settings, "TRUSTED_PROXIES", [])
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(remote_addr or "")
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)
