"""Render the demo videos once: MP4 (H.264 + AAC), French WebVTT captions and a PNG poster each.

Run by hand when the scenes (``demo/data/schools/videos.json``) change, then commit the files it writes next to it:

    .venv/bin/python demo/media/videos/make_videos.py

Needs ffmpeg and espeak-ng (Debian: ``apt-get install ffmpeg espeak-ng``) and Pillow. The demo
loader only reads the committed files: nothing is rendered when the demo is loaded.

Frames are drawn with Pillow (a title card and a simple animated drawing per scene), the
voice-over is espeak-ng's French voice, each scene lasts as long as its sentence plus a pause,
and each caption cue covers exactly its sentence.
"""

from __future__ import annotations

import math
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))
from demo.loaders.schools_video_scenes import videos_data  # noqa: E402 — after the path is set

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT, FPS = 640, 360, 12
PAUSE = 0.7  # seconds of silence after each sentence
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ORANGE, WHITE, YELLOW, RED, GREEN, GREY = "#ff7a1a", "#ffffff", "#ffd166", "#e63946", "#57cc99", "#adb5bd"


def speak(text: str, path: Path) -> float:
    subprocess.run(["espeak-ng", "-v", "fr", "-s", "150", "-w", str(path), text], check=True)  # noqa: S603, S607 — fixed tools, our own text
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


def join_audio(parts: list[Path], pause: float, out: Path) -> None:
    with wave.open(str(parts[0])) as first:
        params = first.getparams()
    with wave.open(str(out), "wb") as joined:
        joined.setparams(params)
        silence = b"\0" * int(params.framerate * pause) * params.sampwidth * params.nchannels
        for part in parts:
            with wave.open(str(part)) as wav:
                joined.writeframes(wav.readframes(wav.getnframes()))
            joined.writeframes(silence)


def draw_motif(draw: ImageDraw.ImageDraw, motif: str, t: float) -> None:
    """One drawing per scene kind; ``t`` goes from 0 to 1 over the scene."""
    cx, cy = WIDTH // 2, 215
    if motif in ("line-stop", "line-run"):
        draw.rectangle([60, cy + 30, WIDTH - 60, cy + 50], fill=GREY)
        moving = t if motif == "line-run" else min(t * 3, 1) * 0.3
        for n in range(6):
            x = 60 + ((n * 100 + moving * 300) % (WIDTH - 160))
            draw.rectangle([x, cy, x + 50, cy + 30], fill=YELLOW)
        light = RED if motif == "line-stop" and int(t * 6) % 2 == 0 else GREEN if motif == "line-run" else "#5c1f24"
        draw.ellipse([WIDTH - 110, cy - 70, WIDTH - 70, cy - 30], fill=light)
    elif motif == "tablet":
        draw.rounded_rectangle([cx - 120, cy - 80, cx + 120, cy + 80], radius=14, fill="#0b132b", outline=WHITE, width=4)
        for n in range(4):
            colour = RED if n == 2 and int(t * 6) % 2 == 0 else WHITE
            draw.rectangle([cx - 95, cy - 55 + n * 32, cx + 95, cy - 35 + n * 32], fill=colour)
    elif motif == "gauge":
        draw.pieslice([cx - 110, cy - 90, cx + 110, cy + 130], 180, 360, fill="#343a40")
        angle = math.radians(180 + 170 * t)
        colour = RED if t < 0.5 else GREEN
        draw.line([cx, cy + 20, cx + 95 * math.cos(angle), cy + 20 + 95 * math.sin(angle)], fill=colour, width=8)
    elif motif == "badges" or motif == "piles":
        count = 4 if motif == "piles" else 3
        colours = [YELLOW, WHITE, GREY, GREEN]
        for n in range(count):
            if t * (count + 1) < n + 0.5:
                continue
            x = 70 + n * (WIDTH - 140) // count
            if motif == "piles":
                draw.polygon([(x, cy + 60), (x + 110, cy + 60), (x + 55, cy - 20)], fill=colours[n])
            else:
                draw.rounded_rectangle([x, cy - 30, x + 150, cy + 30], radius=20, fill=ORANGE)
    elif motif == "furnace":
        draw.rectangle([cx - 150, cy - 70, cx + 150, cy + 70], fill="#6c2a1a")
        glow = int(120 + 100 * (0.5 + 0.5 * math.sin(t * 12)))
        draw.rectangle([cx - 110, cy - 40, cx + 110, cy + 40], fill=(255, glow, 40))
        draw.ellipse([cx - 15, cy + 45 + 40 * t, cx + 15, cy + 75 + 40 * t], fill=ORANGE)
    elif motif == "bottle":
        grow = 0.3 + 0.7 * t
        draw.rectangle([cx - 90, cy - 100, cx + 90, cy + 110], outline=GREY, width=6)
        draw.rounded_rectangle([cx - 60 * grow, cy - 20 * grow, cx + 60 * grow, cy + 100], radius=25, fill=ORANGE)
        draw.rectangle([cx - 18, cy - 20 * grow - 60 * grow, cx + 18, cy - 20 * grow + 5], fill=ORANGE)
    elif motif == "camera":
        draw.rectangle([cx - 40, cy - 110, cx + 40, cy - 70], fill=WHITE)
        for n in range(5):
            x = (n * 130 + t * 260) % (WIDTH + 60) - 60
            colour = RED if n == 2 else "#74c69d"
            draw.rounded_rectangle([x, cy - 20, x + 40, cy + 80], radius=10, fill=colour)


def frame(video: dict, scene: dict, t: float) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), video["colour"])
    draw = ImageDraw.Draw(image)
    title_font = ImageFont.truetype(FONT, 30)
    small = ImageFont.truetype(FONT, 16)
    draw.text((24, 20), scene["title"], font=title_font, fill=WHITE)
    draw.text((24, HEIGHT - 32), "Industrie d’avenir — vidéo de démonstration", font=small, fill=YELLOW)
    draw_motif(draw, scene["motif"], t)
    return image


def poster(video: dict) -> Image.Image:
    image = frame(video, video["scenes"][0], 0.5)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, WIDTH, 76], fill=video["colour"])
    font = ImageFont.truetype(FONT, 24)
    words, lines = video["title"].split(), [""]
    for word in words:
        if draw.textlength(f"{lines[-1]} {word}", font=font) > WIDTH - 48:
            lines.append("")
        lines[-1] = f"{lines[-1]} {word}".strip()
    for n, line in enumerate(lines):
        draw.text((24, 12 + n * 30), line, font=font, fill=WHITE)
    return image


def timestamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{rest:06.3f}"


def render(video: dict) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        parts, durations = [], []
        for n, scene in enumerate(video["scenes"]):
            part = work / f"{n}.wav"
            durations.append(speak(scene["text"], part))
            parts.append(part)
        join_audio(parts, PAUSE, work / "voice.wav")
        cues, start = ["WEBVTT", ""], 0.0
        for n, (scene, spoken) in enumerate(zip(video["scenes"], durations, strict=True)):
            cues += [str(n + 1), f"{timestamp(start)} --> {timestamp(start + spoken)}", scene["text"], ""]
            start += spoken + PAUSE
        (HERE / f"{video['slug']}.vtt").write_text("\n".join(cues), encoding="utf-8")
        encoder = subprocess.Popen(  # noqa: S603 — fixed arguments
            ["ffmpeg", "-y", "-loglevel", "error", "-f", "rawvideo",  # noqa: S607 "-pix_fmt", "rgb24", "-s", f"{WIDTH}x{HEIGHT}",
             "-r", str(FPS), "-i", "-", "-i", str(work / "voice.wav"), "-c:v", "libx264", "-preset", "slow",
             "-crf", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "48k", "-ac", "1", "-movflags", "+faststart",
             "-shortest", str(HERE / f"{video['slug']}.mp4")],
            stdin=subprocess.PIPE,
        )
        for scene, spoken in zip(video["scenes"], durations, strict=True):
            frames = max(int((spoken + PAUSE) * FPS), 1)
            for i in range(frames):
                encoder.stdin.write(frame(video, scene, i / frames).tobytes())
        encoder.stdin.close()
        if encoder.wait() != 0:
            raise SystemExit(f"ffmpeg failed for {video['slug']}")
    poster(video).save(HERE / f"{video['slug']}-poster.png", optimize=True)
    print(video["slug"], f"{start:.1f} s")


if __name__ == "__main__":
    for item in videos_data():
        render(item)
