"""The client's address for django-axes, trusting X-Forwarded-For only as far as our own proxies."""

import ipaddress

from django.conf import settings


def client_ip_address(request):
    """The address the outermost of our AXES_IPWARE_PROXY_COUNT proxies saw the request come from.

    Each proxy appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left was sent by the client itself
    and may be forged. An entry is believed only when it was written by one of TRUSTED_PROXIES:
    walking from the connecting address (REMOTE_ADDR) leftwards, the first address that is not a
    trusted proxy is the client. So a request sent straight to gunicorn, forged header and all,
    counts under its own REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    if not proxies:
        return remote
    trusted = [ipaddress.ip_network(network, strict=False) for network in settings.TRUSTED_PROXIES]
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    # Right to left: the connecting address, then what each proxy in turn says it received from.
    hops = [remote, *reversed(forwarded)][: proxies + 1]
    client = remote
    for hop in hops:
        address = parsed(hop)
        if address is None:
            return client  # a proxy wrote no address: keep the last one we can name
        client = hop
        if not any(address in network for network in trusted):
            return client
    return client


def parsed(address):
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None
