#!/usr/bin/env python3
"""Renders a coloured terminal capture (`tmux capture-pane -p -e`) to a PNG.

Writes an ImageMagick MVG drawing (a rectangle per background run, a text item per
foreground run, DejaVu Sans Mono) and lets `convert` rasterise it, so nothing beyond
ImageMagick and the font is needed. Usage: ansi-to-png.py CAPTURE.ansi OUT.png [COLUMNS ROWS]
"""
import re
import subprocess
import sys
import tempfile

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
CELL_W, CELL_H, FONT_SIZE = 9, 18, 15
DEFAULT_FG, DEFAULT_BG = (216, 222, 233), (22, 24, 29)

# xterm's 16 colours, then the 6×6×6 cube and the grey ramp.
BASE16 = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
          (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
          (255, 0, 255), (0, 255, 255), (255, 255, 255)]


def xterm(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return (v, v, v)


def parse(text, columns, rows):
    """Cells as (char, fg, bg, bold) per row."""
    grid = []
    state = {"fg": None, "bg": None, "bold": False, "reverse": False, "dim": False}
    for line in text.split("\n")[:rows]:
        row = []
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            if token.startswith("\x1b["):
                apply_sgr(state, token[2:-1])
                continue
            for ch in token:
                fg, bg = state["fg"], state["bg"]
                if state["reverse"]:
                    fg, bg = (bg or DEFAULT_BG), (fg or DEFAULT_FG)
                fg = fg or DEFAULT_FG
                if state["dim"]:
                    fg = tuple(c * 2 // 3 for c in fg)
                row.append((ch, fg, bg or DEFAULT_BG, state["bold"]))
        row = row[:columns]
        row += [(" ", DEFAULT_FG, DEFAULT_BG, False)] * (columns - len(row))
        grid.append(row)
    while len(grid) < rows:
        grid.append([(" ", DEFAULT_FG, DEFAULT_BG, False)] * columns)
    return grid


def apply_sgr(state, params):
    codes = [int(p) if p else 0 for p in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=False, reverse=False, dim=False)
        elif c == 1:
            state["bold"] = True
        elif c == 2:
            state["dim"] = True
        elif c == 22:
            state["bold"] = state["dim"] = False
        elif c == 7:
            state["reverse"] = True
        elif c == 27:
            state["reverse"] = False
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = BASE16[c - 30 if c < 90 else c - 90 + 8]
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = BASE16[c - 40 if c < 100 else c - 100 + 8]
        elif c == 39:
            state["fg"] = None
        elif c == 49:
            state["bg"] = None
        elif c in (38, 48) and i + 1 < len(codes):
            key = "fg" if c == 38 else "bg"
            if codes[i + 1] == 5 and i + 2 < len(codes):
                state[key] = xterm(codes[i + 2])
                i += 2
            elif codes[i + 1] == 2 and i + 4 < len(codes):
                state[key] = tuple(codes[i + 2:i + 5])
                i += 4
        i += 1


# Dot bit → (column, row) in the 2×4 braille cell.
BRAILLE = {0x01: (0, 0), 0x02: (0, 1), 0x04: (0, 2), 0x08: (1, 0), 0x10: (1, 1), 0x20: (1, 2), 0x40: (0, 3), 0x80: (1, 3)}


def braille_dots(bits, x0, y0):
    dots = []
    for bit, (cx, cy) in BRAILLE.items():
        if bits & bit:
            x = x0 + 2 + cx * 4
            y = y0 + 2 + cy * 4
            dots.append(f"rectangle {x},{y} {x + 2},{y + 2}")
    return dots


def hexcolor(rgb):
    return "#%02x%02x%02x" % rgb


def mvg(grid, columns, rows):
    out = [f"viewbox 0 0 {columns * CELL_W} {rows * CELL_H}", f"font '{FONT}'", f"font-size {FONT_SIZE}",
           f"fill {hexcolor(DEFAULT_BG)}", f"rectangle 0,0 {columns * CELL_W},{rows * CELL_H}"]
    for y, row in enumerate(grid):
        x = 0
        while x < columns:  # background runs
            bg = row[x][2]
            end = x
            while end < columns and row[end][2] == bg:
                end += 1
            if bg != DEFAULT_BG:
                out.append(f"fill {hexcolor(bg)}")
                out.append(f"rectangle {x * CELL_W},{y * CELL_H} {end * CELL_W - 1},{(y + 1) * CELL_H - 1}")
            x = end
        for x, (ch, fg, _, bold) in enumerate(row):  # one text item per cell keeps the grid exact
            if ch == " ":
                continue
            if 0x2800 < ord(ch) <= 0x28FF:  # braille: drawn as dots (fonts often lack them)
                out.append(f"fill {hexcolor(fg)}")
                out.extend(braille_dots(ord(ch) - 0x2800, x * CELL_W, y * CELL_H))
                continue
            text = ch.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"fill {hexcolor(fg)}")
            out.append(f"font-weight {'bold' if bold else 'normal'}")
            out.append(f"text {x * CELL_W},{y * CELL_H + FONT_SIZE - 1} '{text}'")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) not in (3, 5):
        sys.exit(__doc__)
    text = open(sys.argv[1], encoding="utf-8").read()
    lines = text.rstrip("\n").split("\n")
    columns = int(sys.argv[3]) if len(sys.argv) == 5 else max(len(re.sub(r"\x1b\[[0-9;]*m", "", l)) for l in lines)
    rows = int(sys.argv[4]) if len(sys.argv) == 5 else len(lines)
    with tempfile.NamedTemporaryFile("w", suffix=".mvg", delete=False, encoding="utf-8") as f:
        f.write(mvg(parse(text, columns, rows), columns, rows))
        path = f.name
    subprocess.run(["convert", f"mvg:{path}", sys.argv[2]], check=True)


if __name__ == "__main__":
    main()
