#!/usr/bin/env python3
"""Writes the oracle's input cases (see maskapi_oracle.c) to stdout: random polygons (multi-part,
degenerate, out of the image, on the .5 rounding edges), boxes, run arrays (first run 0, zero
runs, runs beyond 2^25), bitmaps, merges. Deterministic: fixed seed."""
import random

rnd = random.Random(20261205)


def coord(lo, hi):
    kind = rnd.random()
    if kind < 0.2:
        return float(rnd.randint(int(lo), int(hi)))          # integers: pixel edges
    if kind < 0.35:
        return rnd.randint(int(lo) * 10, int(hi) * 10) / 10  # x.1 ... x.9, incl. the .5 edges
    if kind < 0.45:
        return rnd.randint(int(lo) * 5, int(hi) * 5) / 5 + 0.1  # exactly on the 1/5 grid edges
    return round(rnd.uniform(lo, hi), 2)


def ring(h, w, n, spill):
    return [(coord(-spill * w, (1 + spill) * w), coord(-spill * h, (1 + spill) * h)) for _ in range(n)]


def fmt(v):
    return repr(float(v)) if v != int(v) else str(int(v))


def poly_case(h, w, rings, cmd="poly", extra=""):
    parts = [cmd, str(h), str(w)] + ([extra] if extra else []) + [str(len(rings))]
    for r in rings:
        parts.append(str(len(r)))
        for x, y in r:
            parts += [fmt(x), fmt(y)]
    return " ".join(parts)


cases = []
# random polygons, single and multi-part, some far outside the image
for i in range(260):
    h, w = rnd.randint(1, 64), rnd.randint(1, 64)
    k = 1 if rnd.random() < 0.6 else rnd.randint(2, 4)
    spill = rnd.choice([0, 0, 0.1, 0.5, 2])
    cases.append(poly_case(h, w, [ring(h, w, rnd.randint(3, 30), spill) for _ in range(k)]))
# degenerate polygons: one point, two points, repeated points, collinear, zero area
for i in range(40):
    h, w = rnd.randint(1, 20), rnd.randint(1, 20)
    x, y = coord(0, w), coord(0, h)
    kind = i % 5
    if kind == 0:
        r = [(x, y)]
    elif kind == 1:
        r = [(x, y), (coord(0, w), coord(0, h))]
    elif kind == 2:
        r = [(x, y)] * rnd.randint(3, 6)
    elif kind == 3:
        r = [(x + t, y + 2 * t) for t in range(4)]
    else:
        r = [(x, y), (x + 3, y), (x + 3, y), (x, y)]
    cases.append(poly_case(h, w, [r]))
# pixel-edge rectangles and polygons on large images: runs beyond 2^25
for i in range(20):
    h, w = rnd.choice([(10000, 10000), (8192, 6000), (46000, 46000), (1, 100000), (100000, 1)])
    xs = sorted(rnd.uniform(-50, w + 50) for _ in range(2))
    ys = sorted(rnd.uniform(-50, h + 50) for _ in range(2))
    cases.append(poly_case(h, w, [[(xs[0], ys[0]), (xs[1], ys[0]), (xs[1], ys[1]), (xs[0], ys[1])]]))
# boxes
for i in range(80):
    h, w = rnd.randint(1, 50), rnd.randint(1, 50)
    if i < 8:
        h, w = 10000, 10000
    bx, by = coord(-0.3 * w, w), coord(-0.3 * h, h)
    bw, bh = abs(coord(0, w)), abs(coord(0, h))
    cases.append("box %d %d %s %s %s %s" % (h, w, fmt(bx), fmt(by), fmt(bw), fmt(bh)))
# run arrays: codec edge cases and toBbox quirks
fixed = [
    (1, 1, [1]), (1, 1, [0, 1]), (3, 3, [9]), (3, 3, [0, 9]), (3, 3, [0, 0, 9]), (3, 2, [2, 2, 2]),
    (4, 4, [0, 1, 14, 1]), (4, 4, [3, 0, 13]), (4, 4, [16, 0]), (2, 2, [1, 2, 1]), (5, 5, [4, 1, 0, 1, 19]),
    (10000, 10000, [0, 100000000]), (10000, 10000, [33554432, 33554433, 32891135]),
    (46340, 46340, [2147395600]), (46340, 46340, [1, 2147395598, 1]),
    (46340, 46340, [536870911, 536870913, 1073653776]), (46340, 46340, [1073741824, 1, 1073653775]),
    (46340, 46340, [5, 1073741824, 3, 1073653768]),
]
for h, w, c in fixed:
    cases.append("counts %d %d %d %s" % (h, w, len(c), " ".join(map(str, c))))
for i in range(60):
    h, w = rnd.randint(1, 300), rnd.randint(1, 300)
    total = h * w
    big = rnd.random() < 0.3
    if big:
        h, w = rnd.choice([(10000, 10000), (20000, 30000), (46340, 46340)])
        total = h * w
    cuts = sorted(rnd.randint(0, total) for _ in range(rnd.randint(0, 40)))
    if rnd.random() < 0.3:
        cuts = [0] + cuts  # first run 0
    c, p = [], 0
    for t in cuts + [total]:
        c.append(t - p)
        p = t
    cases.append("counts %d %d %d %s" % (h, w, len(c), " ".join(map(str, c))))
# bitmaps
for i in range(60):
    h, w = rnd.randint(0 if i < 3 else 1, 12), rnd.randint(0 if i < 3 else 1, 12)
    d = rnd.choice([0, 0.1, 0.5, 0.9, 1])
    bits = "".join("1" if rnd.random() < d else "0" for _ in range(h * w))
    cases.append("bits %d %d %s" % (h, w, bits or "-"))
# intersections and unions of polygons
for i in range(40):
    h, w = rnd.randint(1, 40), rnd.randint(1, 40)
    rings = [ring(h, w, rnd.randint(3, 12), 0.1) for _ in range(rnd.randint(2, 3))]
    cases.append(poly_case(h, w, rings, "merge", str(i % 2)))
# far-away vertices: long steep and flat edges crossing the image (the walk skips most of them)
for i in range(30):
    h, w = rnd.randint(1, 80), rnd.randint(1, 80)
    far = rnd.choice([1e4, 2e5, 2e6])
    r = []
    for _ in range(rnd.randint(3, 8)):
        if rnd.random() < 0.5:
            r.append((round(rnd.uniform(-far, far), 2), coord(-1, h + 1)))
        else:
            r.append((coord(-1, w + 1), round(rnd.uniform(-far, far), 2)))
    cases.append(poly_case(h, w, [r]))
# IoU of two polygons (crowd and not), overlapping or not
for i in range(40):
    h, w = rnd.randint(1, 40), rnd.randint(1, 40)
    a = [ring(h, w, rnd.randint(3, 10), 0.1) for _ in range(rnd.randint(1, 2))]
    b = [ring(h, w, rnd.randint(3, 10), 0.1) for _ in range(rnd.randint(1, 2))]
    cases.append(poly_case(h, w, a, "iou", str(i % 2)) + " " + poly_case(h, w, b, "x").split(" ", 3)[3])
print("\n".join(cases))
