"""The visitor's address as seen through the site's own reverse proxies (no Django import).

Behind a reverse proxy every request arrives from the proxy's address, so a per-address limit
would count all visitors as one. The proxy appends the address it received the request from to
``X-Forwarded-For``; that header is believed only when the request comes from a configured proxy
(``TRUSTED_PROXIES``), and read from the right, skipping the trusted proxies, so that a client
cannot choose its own address by sending the header itself.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(values: Iterable[str]) -> tuple[Network, ...]:
    """``["10.0.0.5", "2001:db8::/32"]`` → networks; raises ``ValueError`` naming a bad entry."""
    networks = []
    for value in values:
        value = value.strip()
        if not value:
            continue
        try:
            networks.append(ipaddress.ip_network(value, strict=False))
        except ValueError as error:
            raise ValueError(f"TRUSTED_PROXIES : « {value} » n'est ni une adresse IP ni un réseau ({error})") from None
    return tuple(networks)


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def client_address(remote_addr: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The address of the client: ``remote_addr`` unless it is a trusted proxy, then the right-most
    ``X-Forwarded-For`` entry that is not a trusted proxy."""
    if not forwarded_for or not _is_trusted(remote_addr, trusted):
        return remote_addr
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else remote_addr
