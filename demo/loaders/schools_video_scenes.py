"""The demo's two short videos: what is said and shown, scene by scene (``demo/data/schools/videos.json``).

One source for three outputs: ``demo/media/videos/make_videos.py`` renders each video, its French
WebVTT captions and its poster from these scenes; the demo loader writes the transcript under
each video from the same text. No Django import: the rendering script runs without the site.
"""

from __future__ import annotations

from demo.content import Fields, read_entries

#: What is said (voice-over and captions) and shown, scene by scene. Each scene: the sentence spoken
#: (and captioned), the card's title, the picture described for the transcript, and the drawing
#: (``motif``) that ``make_videos.py`` animates.
VIDEO_FIELDS: Fields = {
    "slug": str, "title": str,
    "colour": str,  # background of the title cards
    "scenes": [{"text": str, "title": str, "shown": str, "motif": str}],
}


def videos_data() -> list[dict]:
    return read_entries("schools/videos", VIDEO_FIELDS)


def transcript_html(video: dict) -> str:
    """The full transcript: each sentence said, with what is shown, as HTML paragraphs."""
    return "".join(
        f"<p><b>{scene['title']}.</b> {scene['text']} <i>(À l’image : {scene['shown'][0].lower()}{scene['shown'][1:]})</i></p>"
        for scene in video["scenes"]
    )
