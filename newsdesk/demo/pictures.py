"""Pictures for the demo paper, drawn with Pillow: no photograph, no download.

Each scene is a flat illustration of an Eastmere setting (the harbour, a street,
the stadium...) drawn from a seeded random generator, so the same call always
draws the same picture.
"""

import io
import math
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

WIDTH, HEIGHT = 1600, 900
PORTRAIT_SIZE = 480

DUSK = ((44, 62, 112), (236, 160, 118))
DAY = ((96, 150, 204), (214, 230, 240))
NIGHT = ((10, 16, 40), (52, 54, 96))
OVERCAST = ((120, 136, 152), (208, 214, 220))


def _sky(colours):
    top, bottom = colours
    gradient = Image.linear_gradient("L").resize((WIDTH, HEIGHT))
    return ImageOps.colorize(gradient, top, bottom)


def _shade(colour, factor):
    return tuple(max(0, min(255, int(channel * factor))) for channel in colour)


def _sea(draw, rng, top, colour):
    for row in range(top, HEIGHT, 6):
        draw.rectangle([0, row, WIDTH, row + 6], fill=_shade(colour, 1 - (row - top) / 1800))
    for _ in range(70):
        x, y = rng.randrange(WIDTH), rng.randrange(top + 10, HEIGHT)
        draw.line([x, y, x + rng.randrange(20, 90), y], fill=_shade(colour, 1.25), width=2)


def _boat(draw, rng, x, waterline):
    length = rng.randrange(90, 220)
    hull = rng.choice([(180, 48, 40), (32, 52, 84), (236, 236, 228), (40, 96, 72)])
    draw.polygon(
        [(x, waterline - 22), (x + length, waterline - 22), (x + length - 22, waterline),
         (x + 18, waterline)],
        fill=hull,
    )  # fmt: skip
    mast = x + length // 2
    draw.line([mast, waterline - 22, mast, waterline - 22 - length], fill=(40, 40, 40), width=4)
    draw.polygon(
        [(mast + 4, waterline - 30), (mast + 4, waterline - 18 - length),
         (mast + length // 2, waterline - 30)],
        fill=(248, 244, 232),
    )  # fmt: skip


def _crane(draw, x, ground, height, colour):
    draw.rectangle([x, ground - height, x + 16, ground], fill=colour)
    draw.line([x - 140, ground - height, x + 220, ground - height], fill=colour, width=12)
    draw.line([x + 8, ground - height - 60, x - 140, ground - height], fill=colour, width=4)
    draw.line([x + 8, ground - height - 60, x + 220, ground - height], fill=colour, width=4)
    draw.line([x + 180, ground - height, x + 180, ground - height + 160], fill=colour, width=3)


def _houses(draw, rng, ground, colours, lit=False):
    x = -20
    while x < WIDTH:
        width, height = rng.randrange(90, 180), rng.randrange(160, 340)
        colour = rng.choice(colours)
        draw.rectangle([x, ground - height, x + width, ground], fill=colour)
        draw.polygon(
            [(x - 8, ground - height), (x + width // 2, ground - height - rng.randrange(40, 90)),
             (x + width + 8, ground - height)],
            fill=_shade(colour, 0.7),
        )  # fmt: skip
        window = (250, 214, 120) if lit else _shade(colour, 1.35)
        for wy in range(ground - height + 30, ground - 50, 60):
            for wx in range(x + 18, x + width - 30, 44):
                if not lit or rng.random() < 0.6:
                    draw.rectangle([wx, wy, wx + 22, wy + 32], fill=window)
        x += width + rng.randrange(0, 12)


def _tree(draw, x, ground, size, colour):
    draw.rectangle([x - 6, ground - size, x + 6, ground], fill=(84, 60, 40))
    draw.ellipse([x - size // 2, ground - size * 2, x + size // 2, ground - size], fill=colour)


def _hills(draw, rng, base, colour, amplitude):
    phase, wavelength = rng.random() * 6, rng.randrange(500, 900)
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + 20, 20):
        points.append((x, base - amplitude * math.sin(phase + x / wavelength * math.tau)))
    points.append((WIDTH, HEIGHT))
    draw.polygon(points, fill=colour)


def harbour(rng):
    image = _sky(DUSK)
    draw = ImageDraw.Draw(image)
    draw.ellipse([1040, 300, 1240, 500], fill=(252, 214, 150))
    _crane(draw, 1200, 560, 300, (62, 58, 80))
    _houses(draw, rng, 560, [(92, 70, 96), (110, 84, 104), (80, 64, 88)])
    _sea(draw, rng, 560, (52, 86, 128))
    for x in range(60, WIDTH - 200, 330):
        _boat(draw, rng, x + rng.randrange(0, 80), 700 + rng.randrange(0, 120))
    return image


def town(rng):
    image = _sky(DAY)
    draw = ImageDraw.Draw(image)
    _houses(draw, rng, 640, [(180, 96, 72), (214, 188, 140), (120, 140, 156), (200, 120, 96)])
    _houses(draw, rng, HEIGHT, [(160, 84, 64), (196, 170, 128), (104, 124, 140)])
    return image


def park(rng):
    image = _sky(DAY)
    draw = ImageDraw.Draw(image)
    _hills(draw, rng, 560, (120, 168, 96), 40)
    _hills(draw, rng, 700, (84, 140, 72), 30)
    for _ in range(14):
        x = rng.randrange(WIDTH)
        _tree(draw, x, 720 + rng.randrange(0, 140), rng.randrange(70, 150), (52, 110, 60))
    draw.polygon([(620, HEIGHT), (760, 680), (820, 680), (1040, HEIGHT)], fill=(210, 196, 160))
    return image


def street(rng):
    image = _sky(OVERCAST)
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, HEIGHT), (700, 520), (900, 520), (WIDTH, HEIGHT)], fill=(80, 84, 92))
    draw.polygon([(760, HEIGHT), (792, 520), (808, 520), (840, HEIGHT)], fill=(236, 236, 236))
    for side in (0, 1):
        for step in range(6):
            depth = step / 6
            height = int(520 * (1 - depth * 0.6))
            width = int(260 * (1 - depth * 0.7))
            x = int(depth * 600) if side == 0 else WIDTH - int(depth * 600) - width
            colour = rng.choice([(150, 120, 110), (110, 120, 140), (180, 160, 130)])
            draw.rectangle([x, 560 - height, x + width, 700 - int(depth * 160)], fill=colour)
    for x in (480, 1120):
        draw.line([x, 860, x, 520], fill=(40, 40, 44), width=8)
        draw.ellipse([x - 18, 500, x + 18, 536], fill=(250, 220, 130))
    return image


def hall(rng):
    image = _sky(DAY)
    draw = ImageDraw.Draw(image)
    stone = (222, 210, 186)
    draw.rectangle([300, 420, 1300, 760], fill=stone)
    draw.polygon([(260, 420), (800, 220), (1340, 420)], fill=_shade(stone, 0.9))
    for x in range(340, 1280, 120):
        draw.rectangle([x, 440, x + 40, 740], fill=(246, 240, 226))
    for step in range(4):
        draw.rectangle([260 - step * 30, 760 + step * 30, 1340 + step * 30, 790 + step * 30],
                       fill=_shade(stone, 0.95 - step * 0.05))  # fmt: skip
    draw.rectangle([0, 880, WIDTH, HEIGHT], fill=(120, 120, 116))
    draw.line([800, 220, 800, 120], fill=(60, 60, 60), width=6)
    draw.polygon([(800, 120), (880, 140), (800, 160)], fill=(170, 40, 50))
    return image


def coast(rng):
    image = _sky(OVERCAST)
    draw = ImageDraw.Draw(image)
    _sea(draw, rng, 480, (70, 104, 128))
    for _ in range(5):
        x, y = rng.randrange(-100, WIDTH), rng.randrange(560, 820)
        draw.ellipse([x, y, x + rng.randrange(260, 520), y + 70], fill=(214, 196, 156))
        for _ in range(rng.randrange(2, 6)):
            sx = x + rng.randrange(40, 220)
            draw.ellipse([sx, y + 20, sx + 46, y + 40], fill=(70, 70, 76))
    return image


def lantern(rng):
    image = _sky(NIGHT)
    draw = ImageDraw.Draw(image)
    _houses(draw, rng, 560, [(28, 30, 52), (36, 36, 60)], lit=True)
    _sea(draw, rng, 560, (24, 34, 70))
    glow = Image.new("RGB", (WIDTH, HEIGHT))
    glow_draw = ImageDraw.Draw(glow)
    for _ in range(60):
        x, y, r = rng.randrange(WIDTH), rng.randrange(580, 860), rng.randrange(10, 26)
        colour = rng.choice([(255, 170, 70), (255, 110, 90), (255, 220, 120), (150, 200, 255)])
        glow_draw.ellipse([x - r, y - r, x + r, y + r], fill=colour)
    glow = glow.filter(ImageFilter.GaussianBlur(6))
    return Image.blend(image, Image.composite(glow, image, glow.convert("L")), 0.9)


def stadium(rng):
    image = _sky(DUSK)
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 420), (WIDTH, 420), (WIDTH, 560), (0, 560)], fill=(60, 64, 84))
    for row in range(430, 560, 14):
        for x in range(0, WIDTH, 10):
            if rng.random() < 0.5:
                colour = rng.choice([(200, 40, 50), (240, 240, 240), (40, 60, 120)])
                draw.rectangle([x, row, x + 5, row + 6], fill=colour)
    for index, row in enumerate(range(560, HEIGHT, 40)):
        stripe = (64, 150, 72) if index % 2 else (72, 162, 80)
        draw.rectangle([0, row, WIDTH, row + 40], fill=stripe)
    draw.line([200, 620, 1400, 620], fill=(240, 240, 240), width=4)
    for x in (120, 1480):
        draw.line([x, 420, x, 140], fill=(50, 50, 60), width=10)
        draw.rectangle([x - 50, 110, x + 50, 150], fill=(252, 246, 210))
    return image


def sky(rng):
    image = _sky(DAY)
    draw = ImageDraw.Draw(image)
    for _ in range(8):
        x, y = rng.randrange(-100, WIDTH), rng.randrange(40, 600)
        for puff in range(4):
            draw.ellipse([x + puff * 60, y - puff % 2 * 30, x + puff * 60 + 160, y + 70],
                         fill=(250, 250, 252))  # fmt: skip
    draw.ellipse([700, 180, 900, 400], fill=(236, 236, 240))
    draw.line([800, 400, 800, 560], fill=(60, 60, 60), width=3)
    draw.rectangle([780, 560, 820, 600], fill=(220, 90, 40))
    _hills(draw, rng, 820, (96, 140, 80), 30)
    return image


SCENES = {
    "harbour": harbour,
    "town": town,
    "park": park,
    "street": street,
    "hall": hall,
    "coast": coast,
    "lantern": lantern,
    "stadium": stadium,
    "sky": sky,
}


def draw_scene(kind, variant=0):
    """Return a ``WIDTH`` by ``HEIGHT`` illustration of ``kind`` (a key of ``SCENES``)."""
    return SCENES[kind](random.Random(f"{kind}-{variant}"))  # noqa: S311 - pictures, not secrets


def draw_portrait(name, hue_seed=0):
    """Return a square silhouette portrait tinted differently for each ``name``."""
    rng = random.Random(f"{name}-{hue_seed}")  # noqa: S311 - pictures, not secrets
    background = tuple(rng.randrange(120, 220) for _ in range(3))
    image = Image.new("RGB", (PORTRAIT_SIZE, PORTRAIT_SIZE), background)
    draw = ImageDraw.Draw(image)
    figure = _shade(background, 0.45)
    draw.ellipse([150, 90, 330, 290], fill=figure)
    draw.ellipse([60, 300, 420, 640], fill=figure)
    return image


def as_jpeg(image):
    """The picture as JPEG bytes, the way an editor would upload a photograph."""
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=84, optimize=True, progressive=True)
    return buffer.getvalue()
