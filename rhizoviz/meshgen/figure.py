"""The procedural adult figure: where its parts are and how big they are.

Millimetres, RAS frame (+X patient's right, +Y anterior, +Z superior), feet at
Z = 0, about 1750 mm tall, anatomical position (palms forward, thumbs lateral).
Only the right half (X >= 0) is listed by hand; the left is its mirror image.
Dimensions follow ordinary adult anthropometry rounded to tidy numbers.
"""

from __future__ import annotations

from rhizoviz.meshgen.sdf import Primitive

HEIGHT = 1750.0

# Landmarks on the right side reused by the labelling and the key points.
SHOULDER = (185.0, -8.0, 1405.0)
ELBOW = (218.0, -12.0, 1100.0)
WRIST = (246.0, 8.0, 858.0)
HIP = (98.0, 0.0, 905.0)
KNEE = (92.0, 6.0, 495.0)
ANKLE = (88.0, -12.0, 88.0)
PALM_CENTRE = (250.0, 14.0, 795.0)
PALM_HALF = (22.0, 1.0, 24.0)
PALM_ROUNDING = 14.0
TRUNK_FRONT_Y = 100.0

# Fingers: name, base, tip, radius. Palms face forward, so fingers hang down
# with the index lateral (+X) and the little finger medial, slightly spread.
_PALM_BOTTOM = PALM_CENTRE[2] - PALM_HALF[2] - PALM_ROUNDING + 6.0
FINGERS: tuple[tuple[str, tuple[float, float, float], tuple[float, float, float], float], ...] = (
    ("index", (275.0, 16.0, _PALM_BOTTOM + 4.0), (287.0, 30.0, _PALM_BOTTOM - 74.0), 9.2),
    ("middle", (256.0, 16.0, _PALM_BOTTOM + 2.0), (259.0, 32.0, _PALM_BOTTOM - 84.0), 9.6),
    ("ring", (237.0, 16.0, _PALM_BOTTOM + 2.0), (231.0, 30.0, _PALM_BOTTOM - 78.0), 9.0),
    ("little", (219.0, 15.0, _PALM_BOTTOM + 6.0), (204.0, 26.0, _PALM_BOTTOM - 58.0), 8.0),
)
THUMB_BASE = (278.0, 20.0, 830.0)
THUMB_MCP = (298.0, 38.0, 795.0)
THUMB_TIP = (308.0, 56.0, 752.0)

# Toes: name, base, tip, radius. The big toe is medial (smaller X) and stout.
TOES: tuple[tuple[str, tuple[float, float, float], tuple[float, float, float], float], ...] = (
    ("hallux", (72.0, 136.0, 18.0), (68.0, 184.0, 14.0), 12.5),
    ("second", (93.0, 136.0, 14.0), (96.0, 177.0, 9.5), 8.0),
    ("third", (107.0, 132.0, 13.0), (112.0, 168.0, 8.5), 7.6),
    ("fourth", (119.0, 126.0, 12.0), (126.0, 158.0, 8.0), 7.2),
    ("fifth", (129.0, 118.0, 11.0), (138.0, 146.0, 7.5), 6.6),
)
HEEL = (88.0, -40.0, 40.0)
MEDIAL_MALLEOLUS = (64.0, -10.0, 86.0)
LATERAL_MALLEOLUS = (113.0, -20.0, 74.0)


def _cone(part: str, a, b, r1: float, r2: float, blend: float) -> Primitive:
    return Primitive("cone", part, tuple(map(float, a)), tuple(map(float, b)), r1, r2, blend)


def _ell(part: str, c, r, blend: float) -> Primitive:
    return Primitive("ellipsoid", part, tuple(map(float, c)), tuple(map(float, r)), 0.0, 0.0, blend)


def _box(part: str, c, half, rounding: float, blend: float) -> Primitive:
    c, half = tuple(map(float, c)), tuple(map(float, half))
    return Primitive("box", part, c, half, rounding, 0.0, blend)


def midline_primitives() -> list[Primitive]:
    """Head, neck and trunk pieces centred on the midline."""
    return [
        _ell("pelvis", (0, -8, 935), (152, 98, 112), 0),
        _ell("abdomen", (0, 4, 1080), (134, 92, 165), 45),
        _ell("chest", (0, 0, 1290), (148, 98, 182), 45),
        _ell("chest", (0, -28, 1385), (125, 72, 95), 40),  # upper back over the scapulae
        _cone("neck", (0, -14, 1455), (0, -2, 1565), 60, 50, 30),
        _ell("cranium", (0, -4, 1648), (76, 95, 102), 25),
        _ell("jaw", (0, 40, 1572), (54, 56, 42), 22),
        _cone("nose", (0, 91, 1652), (0, 105, 1619), 6, 9.5, 8),
    ]


def face_primitives() -> list[Primitive]:
    """A low brow, cheeks, eyes set in shallow sockets and lips: enough to read as a face."""
    socket = Primitive(
        "ellipsoid", "cranium", (33.0, 90.0, 1650.0), (15.0, 10.0, 9.0), blend=6.0, carve=True
    )
    return [
        _ell("cranium", (0, 78, 1668), (46, 13, 9), 20),  # brow
        _ell("jaw", (42, 56, 1612), (24, 22, 16), 22),  # cheeks
        _ell("jaw", (-42, 56, 1612), (24, 22, 16), 22),
        socket,
        mirror(socket),
        _ell("cranium", (33, 74, 1650), (11, 11, 10), 2),  # eyes
        _ell("cranium", (-33, 74, 1650), (11, 11, 10), 2),
        _ell("jaw", (0, 92, 1584), (18, 6, 5), 6),  # lips
    ]


def right_primitives() -> list[Primitive]:
    """The right half's paired pieces, proximal to distal."""
    prims = [
        _ell("buttock", (66, -52, 885), (74, 64, 88), 20),
        _ell("pectoral", (70, 54, 1310), (76, 32, 50), 30),
        _cone("shoulder", (0, -18, 1448), (172, -10, 1428), 55, 46, 35),
        _ell("deltoid", (190, -6, 1392), (50, 54, 72), 22),
        _ell("ear", (77, -4, 1628), (8, 15, 27), 6),
        _cone("upper_arm", SHOULDER, ELBOW, 46, 37, 14),
        _cone("forearm", ELBOW, WRIST, 37, 24, 12),
        _ell("forearm_muscle", (226, -6, 1030), (40, 38, 80), 16),
        _box("palm", PALM_CENTRE, PALM_HALF, PALM_ROUNDING, 16),
        _ell("palm", (PALM_CENTRE[0], PALM_CENTRE[1], PALM_CENTRE[2] + 8), (40, 15, 46), 12),
        _ell("palm", (270.0, 24.0, 812.0), (16.0, 12.0, 26.0), 10),
        _cone("thumb", THUMB_BASE, THUMB_MCP, 12.5, 10.5, 8),
        _cone("thumb", THUMB_MCP, THUMB_TIP, 10.5, 9.0, 4),
    ]
    prims += [_cone(name, base, tip, r, r * 0.92, 5) for name, base, tip, r in FINGERS]
    prims += [
        _cone("thigh", HIP, KNEE, 80, 52, 30),
        _ell("knee", (KNEE[0], KNEE[1] + 6, KNEE[2]), (46, 46, 56), 26),
        _cone("leg", KNEE, ANKLE, 49, 28, 14),
        _ell("calf", (94, -22, 375), (44, 40, 100), 18),
        _ell("malleolus", MEDIAL_MALLEOLUS, (12, 14, 15), 8),
        _ell("malleolus", LATERAL_MALLEOLUS, (12, 14, 16), 8),
        _ell("heel", HEEL, (32, 36, 42), 18),
        _ell("foot", (98, 58, 30), (46, 92, 34), 22),
        _cone("instep", ANKLE, (100, 95, 30), 30, 24, 18),
        _ell("foot", (100, 118, 19), (42, 32, 19), 14),  # ball of the foot
    ]
    prims += [_cone(name, base, tip, r, r * 0.9, 3) for name, base, tip, r in TOES]
    return prims


def mirror(prim: Primitive) -> Primitive:
    """The same primitive on the left side (X negated)."""

    def flip(v):
        return (-v[0], v[1], v[2])

    b = flip(prim.b) if prim.kind == "cone" else prim.b
    return Primitive(
        prim.kind, prim.part, flip(prim.a), b, prim.r1, prim.r2, prim.blend, prim.carve
    )


def figure_primitives() -> list[Primitive]:
    """All primitives in union order: midline, then each right piece with its mirror."""
    prims = midline_primitives()
    for p in right_primitives():
        prims += [p, mirror(p)]
    return prims + face_primitives()
