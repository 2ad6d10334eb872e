"""Video addresses become privacy-friendly embeds; anything else is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from website.video import embed_url_for, host_name_for


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
    ],
)
def test_known_hosts_give_a_no_cookie_embed(url, expected):
    assert embed_url_for(url) == expected


@pytest.mark.parametrize(
    "url",
    ["https://example.org/video.mp4", "https://www.youtube.com/watch?v=<script>", "javascript:alert(1)",
     "https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ", ""],
)
def test_other_addresses_are_refused(url):
    assert embed_url_for(url) == ""
    assert host_name_for(url) == ""


@given(st.text(max_size=200))
def test_embed_url_never_crashes_and_only_points_to_allowed_hosts(url):
    result = embed_url_for(url)
    assert result == "" or result.startswith(("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"))
