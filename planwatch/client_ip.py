"""The client's address for django-axes, trusting X-Forwarded-For only as far as our own proxies."""

from django.conf import settings


def client_ip_address(request):
    """The address the outermost of our AXES_IPWARE_PROXY_COUNT proxies saw the request come from.

    Each proxy appends the address it received from to X-Forwarded-For, so the client is the
    entry that many places from the right; anything further left was sent by the client itself
    and may be forged. Without proxies, or for a request that bypassed them, REMOTE_ADDR.
    """
    proxies = settings.AXES_IPWARE_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
