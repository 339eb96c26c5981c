"""Each vertebra as a smooth union of primitives, in its own frame, by region.

Local frame: X to the right, Y anterior, Z up along the spine, origin at the
centre of the vertebral body (of where the body would be, for the atlas). The
vertebral foramen (and in C1-C6 the transverse foramina) are carved out last,
so the surface always has a hole through it where the cord runs.

Shapes follow the regional descriptions of Gray's Anatomy (41st ed., section on the back:
"Cervical spine", "Thoracic spine", "Lumbar spine") simplified to what a student
should recognise: atlas ring and lateral masses, the dens, bifid cervical spines
and transverse foramina, the vertebra prominens, heart-shaped thoracic bodies with
costal facets and long down-sloping spines, kidney-shaped lumbar bodies with
short square spines.
"""

from __future__ import annotations

import math

from rhizoviz.meshgen.sdf import Primitive
from rhizoviz.meshgen.spine_layout import SHAPES, Shape

Vec = tuple[float, float, float]
# Lumbar transverse processes beyond the articular pillar (mm): L1's are the shortest,
# L3's the longest, L5's stout and joined to the body by a broad base.
LUMBAR_TRANSVERSE = (17.0, 22.0, 27.0, 24.0, 21.0)


def _v(x: float, y: float, z: float) -> Vec:
    return (float(x), float(y), float(z))


def cone(part: str, a: Vec, b: Vec, r1: float, r2: float | None = None, k: float = 2.0,
         carve: bool = False) -> Primitive:
    return Primitive("cone", part, _v(*a), _v(*b), float(r1), float(r1 if r2 is None else r2),
                     float(k), carve)


def ell(part: str, c: Vec, r: Vec, k: float = 2.0, carve: bool = False) -> Primitive:
    return Primitive("ellipsoid", part, _v(*c), _v(*r), 0.0, 0.0, float(k), carve)


def cyl(part: str, c: Vec, size: Vec, rounding: float = 1.0, k: float = 2.0,
        carve: bool = False) -> Primitive:
    return Primitive("cylinder", part, _v(*c), _v(*size), float(rounding), 0.0, float(k), carve)


def waisted_body(c: Vec, rx: float, ry: float, hh: float, rounding: float, k: float
                 ) -> list[Primitive]:
    """A body whose sides curve in between rimmed end plates (the ring apophyses)."""
    rim = 1.3
    return [
        cyl("body", c, (0.9 * rx, 0.9 * ry, hh), rounding, k),
        cyl("end_plate", (c[0], c[1], c[2] + hh - rim + rounding), (rx, ry, rim), rounding, k),
        cyl("end_plate", (c[0], c[1], c[2] - hh + rim - rounding), (rx, ry, rim), rounding, k),
    ]


def canal_centre_y(sh: Shape) -> float:
    """Where the canal's centre lies behind the body centre (as the layout puts the cord)."""
    return -(sh.half_depth + sh.canal_y + 1.5)


def vertebra_primitives(name: str, height: float) -> list[Primitive]:
    """The primitives of vertebra ``name`` (C1 ... L5) whose body is ``height`` mm tall."""
    sh = SHAPES[name]
    region, num = name[0], int(name[1:])
    if name == "C1":
        prims = _atlas(sh, height)
    elif region == "C":
        prims = _cervical(sh, height, num)
    elif region == "T":
        prims = _thoracic(sh, height, num)
    else:
        prims = _lumbar(sh, height, num)
    # the vertebral foramen: carved through everything, last
    yc = canal_centre_y(sh)
    prims.append(cyl("foramen", (0, yc, 0), (sh.canal_x, sh.canal_y, 3 * height), 0.0, 1.0,
                     carve=True))
    return prims


def _arch(sh: Shape, h: float, zp: float, lam_r: float, k: float) -> list[Primitive]:
    """Pedicles and laminae: the ring round the canal behind the body."""
    yc = canal_centre_y(sh)
    xa = sh.canal_x + sh.pedicle * 0.9  # the articular pillar line
    out = []
    for sx in (-1, 1):
        for dz in (-0.45, 0.45):  # a pedicle is taller than it is wide
            z = zp + dz * sh.pedicle
            out.append(cone("pedicle", (sx * sh.canal_x * 0.85, -sh.half_depth * 0.55, z),
                            (sx * xa, yc - 0.1 * sh.canal_y, z), sh.pedicle * 0.9, k=k))
        for z in (0.24 * h, 0.0, -0.24 * h):  # rods blended into a sloping lamina plate
            out.append(cone("lamina", (sx * xa, yc - 0.45 * sh.canal_y, z + 0.05 * h),
                            (0, yc - sh.canal_y - lam_r - 0.4, z - 0.05 * h), lam_r, k=k))
    return out


def _transverse_foramen_block(sh: Shape, h: float, zp: float, width: float,
                              k: float, hole: float = 2.6) -> list[Primitive]:
    """A cervical transverse process: anterior and posterior bars round the transverse foramen.

    ``hole`` is the foramen's radius: the vertebral artery's in C1-C6, C7's small one
    carries only veins.
    """
    out = []
    yc = canal_centre_y(sh)
    xf = sh.canal_x + 4.5  # the foramen for the vertebral artery, beside the pedicle
    yf = 0.45 * yc
    for sx in (-1, 1):
        tip = sx * (sh.canal_x + width)
        out.append(cone("transverse", (sx * sh.half_width * 0.8, 0.15 * sh.half_depth, zp),
                        (tip, yf + 3.0, zp - 1.0), 2.5, 2.6, k=k))  # anterior bar
        out.append(cone("transverse", (sx * (sh.canal_x + 2.0), yc + 0.2 * sh.canal_y, zp),
                        (tip, yf - 3.5, zp - 1.0), 2.5, 2.6, k=k))  # posterior bar
        out.append(cone("transverse", (tip, yf + 3.0, zp - 1.0), (tip, yf - 3.5, zp - 1.0),
                        2.6, k=k))  # the tubercles joined laterally
    for sx in (-1, 1):
        out.append(cyl("transverse_foramen", (sx * xf, yf, zp), (hole, hole, 3 * h), 0.0, 0.8,
                       carve=True))
    return out


def _articular_pillars(sh: Shape, h: float, k: float) -> list[Primitive]:
    """Cervical articular pillars: superior facets face up and back, inferior down and forward."""
    yc = canal_centre_y(sh)
    xa = sh.canal_x + sh.pedicle * 0.9 + 1.0
    out = []
    for sx in (-1, 1):
        out.append(cone("articular", (sx * xa, yc - 1.5, 0.38 * h), (sx * xa, yc - 4.0, -0.4 * h),
                        4.2, k=k))
        out.append(ell("superior_articular", (sx * xa, yc - 1.5, 0.45 * h), (4.6, 4.2, 2.2), k))
        out.append(ell("inferior_articular", (sx * xa, yc - 4.5, -0.45 * h), (4.6, 4.2, 2.2), k))
    return out


def _bifid_spine(sh: Shape, h: float, length: float, drop_deg: float, k: float) -> list[Primitive]:
    yc = canal_centre_y(sh)
    drop = math.radians(drop_deg)
    root = (0.0, yc - sh.canal_y - 2.0, 0.0)
    fork = (0.0, root[1] - 0.6 * length * math.cos(drop), -0.6 * length * math.sin(drop))
    out = [cone("spinous", root, fork, 3.0, 2.4, k=k)]
    for sx in (-1, 1):
        tip = (sx * 4.0, root[1] - length * math.cos(drop), -length * math.sin(drop) - 1.0)
        out.append(cone("spinous", fork, tip, 2.2, 2.4, k=k))
    return out


def _atlas(sh: Shape, h: float) -> list[Primitive]:
    """C1: a ring of anterior and posterior arches between two lateral masses; no body."""
    k = 1.6
    yc = canal_centre_y(sh)
    out = []
    arch = [(-10.0, 7.0), (-5.0, 10.0), (0.0, 11.0), (5.0, 10.0), (10.0, 7.0)]
    for (x0, y0), (x1, y1) in zip(arch, arch[1:], strict=False):
        out.append(cone("anterior_arch", (x0, y0, 0), (x1, y1, 0), 2.8, k=k))
    out.append(ell("anterior_tubercle", (0, 12.0, 0), (4.0, 2.5, 4.5), k))
    back = yc - sh.canal_y - 2.5
    post = [(-12.5, -8.0), (-11.5, yc + 1.0), (-7.0, back + 1.5), (0.0, back),
            (7.0, back + 1.5), (11.5, yc + 1.0), (12.5, -8.0)]
    for (x0, y0), (x1, y1) in zip(post, post[1:], strict=False):
        out.append(cone("posterior_arch", (x0, y0, -0.5), (x1, y1, -0.5), 2.6, k=k))
    out.append(ell("posterior_tubercle", (0, back - 1.5, -0.5), (4.0, 2.5, 3.5), k))
    for sx in (-1, 1):
        out.append(ell("lateral_mass", (sx * 14.0, -1.5, 0), (5.5, 8.5, 6.5), k))
        out.append(ell("superior_articular", (sx * 14.5, -1.0, 5.0), (6.0, 9.0, 2.2), k))
    out += _transverse_foramen_block(sh, h, 0.0, 14.0, k)
    return out


def _cervical(sh: Shape, h: float, num: int) -> list[Primitive]:
    """C2-C7: small wide bodies with uncinate lips, pillars, transverse foramina (C2-C6)."""
    k = 1.6
    zp = 0.1 * h
    out = waisted_body((0, 0, 0), sh.half_width - 1.2, sh.half_depth - 1.2, 0.5 * h - 1.2, 1.2, k)
    for sx in (-1, 1):  # uncinate processes: the lips on the top of the body's sides
        out.append(ell("uncinate", (sx * (sh.half_width - 1.5), -1.0, 0.5 * h), (1.8, 4.5, 2.4), k))
    if num == 2:  # the axis: the dens rising into the atlas, and broad superior facets
        out.append(cone("dens", (0, 1.5, 0.3 * h), (0, 1.8, 0.5 * h + 13.0), 5.0, 3.6, k))
        for sx in (-1, 1):
            out.append(ell("superior_articular", (sx * 10.5, -2.0, 0.42 * h), (5.5, 7.0, 2.6), k))
    out += _arch(sh, h, zp, 2.0, k)
    out += _articular_pillars(sh, h, k)
    if num == 7:  # vertebra prominens: one long spine with a tubercle; small transverse foramen
        yc = canal_centre_y(sh)
        root = (0.0, yc - sh.canal_y - 2.0, 0.0)
        tip = (0.0, root[1] - sh.spinous, -sh.spinous * 0.25)
        out.append(cone("spinous", root, tip, 3.2, 2.6, k))
        out.append(ell("spinous_tubercle", tip, (3.4, 3.0, 3.6), k))
        out += _transverse_foramen_block(sh, h, zp, sh.transverse + 2.0, k, hole=1.6)
    else:
        out += _transverse_foramen_block(sh, h, zp, sh.transverse, k)
        out += _bifid_spine(sh, h, sh.spinous, 25.0 if num > 2 else 15.0, k)
    return out


def _thoracic(sh: Shape, h: float, num: int) -> list[Primitive]:
    """Heart-shaped bodies with costal demifacets, long spines sloping down, stout processes."""
    k = 2.2
    hw, hd = sh.half_width, sh.half_depth
    zp = 0.18 * h
    hh = 0.5 * h - 1.5
    out = [
        *waisted_body((0, 0.25 * hd, 0), 0.62 * hw, 0.72 * hd, hh, 1.5, k),
        *waisted_body((-0.34 * hw, -0.2 * hd, 0), 0.62 * hw, 0.75 * hd, hh, 1.5, k),
        *waisted_body((0.34 * hw, -0.2 * hd, 0), 0.62 * hw, 0.75 * hd, hh, 1.5, k),
    ]
    out += _arch(sh, h, zp, 2.8, k)
    yc = canal_centre_y(sh)
    for sx in (-1, 1):  # the laminae's lower edges overlap the next ones like roof tiles
        out.append(cone("lamina", (sx * (sh.canal_x + sh.pedicle * 0.7), yc - 0.7 * sh.canal_y,
                                   -0.4 * h), (0, yc - sh.canal_y - 4.5, -0.5 * h), 2.4, k=k))
    yc = canal_centre_y(sh)
    xa = sh.canal_x + sh.pedicle * 0.9
    for sx in (-1, 1):
        # coronal facets: the superior faces back, the inferior (behind the next one) forward
        out.append(ell("superior_articular", (sx * xa, yc - 0.2 * sh.canal_y - 1.0, 0.5 * h),
                       (4.0, 2.4, 0.3 * h), k))
        out.append(ell("inferior_articular", (sx * (xa - 1.0), yc - 0.2 * sh.canal_y - 5.2,
                                              -0.5 * h), (4.0, 2.4, 0.3 * h), k))
        # transverse processes point out and back, with a facet for the rib's tubercle
        tip = (sx * (xa + sh.transverse * 0.85), yc - sh.transverse * 0.35, zp + 1.0)
        out.append(cone("transverse", (sx * xa, yc + 0.1 * sh.canal_y, zp), tip,
                        sh.pedicle * 0.85, sh.pedicle * 0.75, k))
        out.append(ell("transverse_tip", tip, (3.6, 3.4, 4.2), k))
    drop = math.radians(sh.spinous_drop)
    root = (0.0, yc - sh.canal_y - 2.0, 0.0)
    tip = (0.0, root[1] - sh.spinous * math.cos(drop), -sh.spinous * math.sin(drop))
    out.append(cone("spinous", root, tip, 3.4, 2.2, k))
    out.append(ell("spinous_tip", tip, (2.6, 2.6, 3.6), k))
    # costal facets carved last: demifacets at the body's upper and lower posterolateral
    # rims (T1 a whole facet above), and on the front of each transverse tip (T1-T10)
    for sx in (-1, 1):
        for z, r in ((0.5 * h, 3.4 if num == 1 else 2.6), (-0.5 * h, 2.6)):
            if num >= 11 and z < 0:
                continue  # T11 and T12 carry a single whole facet, on the upper rim
            out.append(ell("costal_facet", (sx * 0.92 * hw, -0.45 * hd, z), (r, r, r), 0.6,
                           carve=True))
        if num <= 10:
            out.append(ell("transverse_costal_facet", (tip[0], tip[1] + 3.6, tip[2]),
                           (2.2, 1.4, 2.4), 0.5, carve=True))
    return out


def _lumbar(sh: Shape, h: float, num: int) -> list[Primitive]:
    """Large kidney-shaped bodies, thick pedicles, sagittal facets, short square spines."""
    k = 2.8
    hw, hd = sh.half_width, sh.half_depth
    zp = 0.2 * h
    transverse = LUMBAR_TRANSVERSE[num - 1]
    out = waisted_body((0, 0, 0), hw - 1.8, hd - 1.8, 0.5 * h - 1.8, 1.8, k)
    out += _arch(sh, h, zp, 3.4, k)
    yc = canal_centre_y(sh)
    xa = sh.canal_x + sh.pedicle * 0.9
    for sx in (-1, 1):
        # superior facets face inward and embrace the inferior facets of the vertebra above
        out.append(ell("superior_articular", (sx * (xa + 3.2), yc - 0.65 * sh.canal_y, 0.5 * h),
                       (2.8, 4.6, 0.27 * h), k))
        out.append(ell("mamillary", (sx * (xa + 4.5), yc - 0.75 * sh.canal_y, 0.42 * h),
                       (2.4, 2.6, 3.0), k))
        out.append(ell("inferior_articular", (sx * (xa - 2.2), yc - 0.6 * sh.canal_y, -0.5 * h),
                       (2.8, 5.5, 0.3 * h), k))
        # long flat transverse processes (costal processes)
        for dz in (-1.8, 1.8):
            out.append(cone("transverse", (sx * xa, yc + 0.25 * sh.canal_y, zp + dz),
                            (sx * (xa + transverse), yc + 0.15 * sh.canal_y, zp + dz + 1.0),
                            2.6, 1.9, k))
    # a short, square (hatchet-shaped) spinous process
    root_y = yc - sh.canal_y - 2.5
    tip_y = root_y - sh.spinous
    for z in (0.18 * h, 0.0, -0.18 * h):
        out.append(cone("spinous", (0, root_y, z), (0, tip_y, z - 0.05 * h), 3.0, 2.8, k))
    out.append(ell("spinous_tip", (0, tip_y, -0.04 * h), (3.4, 3.2, 0.3 * h), k))
    # the kidney's hilum: the back of the body curves in toward the canal
    out.append(cyl("body_notch", (0, -hd - 1.0, 0), (0.3 * hw, 4.0, h), 0.0, 2.0, carve=True))
    return out
