"""Retake the README's screenshots from a running demo site.

    make demo                                   # in one terminal
    .venv/bin/python scripts/screenshots.py     # in another

Takes the front page and its lead story at desktop and phone width, plus the lead
story's comment thread, and writes them to docs/screenshots/ as 256-colour PNGs
(a quarter of the size, with no visible loss for flat pages).
"""

import argparse
import sys
from io import BytesIO
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": (1366, 900, 2400), "phone": (390, 844, 1800)}
OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def save_small(path, png_bytes):
    """Write ``png_bytes`` to ``path`` quantised to 256 colours."""
    image = Image.open(BytesIO(png_bytes)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    palette.save(path, optimize=True)
    sys.stdout.write(f"wrote {path}\n")


def shoot(browser, base_url, name, width, height, clip_height):
    """The front page and its lead story at one width; the comments too on desktop."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(base_url + "/")
    clip = {"x": 0, "y": 0, "width": width, "height": clip_height}
    save_small(OUT / f"front-{name}.png", page.screenshot(full_page=True, clip=clip))
    story = page.locator(".front-lead .story-card-title a").get_attribute("href")
    page.goto(base_url + story)
    save_small(OUT / f"article-{name}.png", page.screenshot(full_page=True, clip=clip))
    if name == "desktop":
        thread = page.locator("#comments").screenshot()
        save_small(OUT / "comments-desktop.png", thread)
    context.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="the demo site")
    base_url = parser.parse_args().url.rstrip("/")
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, (width, height, clip_height) in WIDTHS.items():
            shoot(browser, base_url, name, width, height, clip_height)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
