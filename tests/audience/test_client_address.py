"""The visitor's address through the site's own proxies (pure function, no database)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from audience.client_address import client_address, parse_networks

TRUSTED = parse_networks(["10.0.0.0/8", "2001:db8::1"])


def test_without_a_trusted_proxy_the_header_is_ignored():
    assert client_address("198.51.100.7", "203.0.113.1", TRUSTED) == "198.51.100.7"


def test_behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client():
    assert client_address("10.0.0.2", "203.0.113.1, 198.51.100.20, 10.0.0.9", TRUSTED) == "198.51.100.20"
    assert client_address("2001:db8::1", "203.0.113.1", TRUSTED) == "203.0.113.1"


def test_a_bad_proxy_entry_is_refused_with_its_name():
    with pytest.raises(ValueError, match="pas-une-adresse"):
        parse_networks(["10.0.0.1", "pas-une-adresse"])


@given(spoofed=st.lists(st.ip_addresses().map(str), max_size=4), client=st.ip_addresses().map(str))
def test_a_client_can_prepend_anything_but_is_still_found(spoofed, client):
    from ipaddress import ip_address

    if any(ip_address(client) in network for network in TRUSTED):
        return  # the client is itself a proxy address: nothing to find
    header = ", ".join([*spoofed, client])  # what the trusted proxy appended last is the real client
    assert client_address("10.0.0.2", header, TRUSTED) == client
