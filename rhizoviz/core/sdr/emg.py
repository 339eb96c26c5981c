"""The EMG of one rootlet's 1 s, 50 Hz train: eleven channels, in microvolts.

Channels: adductors, quadriceps, hamstrings, tibialis anterior and gastrocnemius on
each leg, and the anal sphincter. Which muscles answer follows the stimulated
root's myotome (facts-2 §1; each muscle gets two or more roots, Phillips & Park
1991), reduced to the two recorded muscles it drives most:

    L1 adductors (its own muscle, iliopsoas, is not recorded: ours [?])
    L2 adductors, quadriceps      L3 quadriceps, adductors (vasti mainly L3)
    L4 quadriceps, tibialis ant.  L5 tibialis anterior, hamstrings
    S1 gastrocnemius, hamstrings  S2 gastrocnemius (+ sphincter if pudendal)

The grade decides the spread (Phillips & Park [?]): grade 0 gives a single
discharge to the first pulse and nothing sustained; 1+ a sustained discharge in
the segment's own muscles; 2+ adds the muscles of the nearest segment above and
below that drive a recorded muscle the segment does not; 3+ adds every other
ipsilateral muscle; 4+ adds the mirror muscles of the other leg. A rootlet with a
pudendal response drives the sphincter as one of its own muscles. Below the
rootlet's threshold only the stimulus artefact and noise remain.

Real recordings are messier: the sphincter also answers stimulation of roots from
L4 down (Ojemann et al. 1997) and myotomes vary between children. The traces are
built from one biphasic potential per pulse per channel, so a set is computed in
about half a millisecond of numpy work; they are cached per rootlet, made on
first request, and read-only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rhizoviz.core.atlas import SIDES
from rhizoviz.core.sdr.patient import LEVELS, Rootlet

MUSCLES: tuple[str, ...] = (
    "adductors",
    "quadriceps",
    "hamstrings",
    "tibialis anterior",
    "gastrocnemius",
)
SPHINCTER = "anal sphincter"
CHANNELS: tuple[str, ...] = (
    *(f"{m} ({s})" for s in SIDES for m in MUSCLES),
    SPHINCTER,
)
SPHINCTER_CHANNEL = len(CHANNELS) - 1

MYOTOME: dict[str, tuple[str, ...]] = {
    "L1": ("adductors",),
    "L2": ("adductors", "quadriceps"),
    "L3": ("quadriceps", "adductors"),
    "L4": ("quadriceps", "tibialis anterior"),
    "L5": ("tibialis anterior", "hamstrings"),
    "S1": ("gastrocnemius", "hamstrings"),
    "S2": ("gastrocnemius",),
}

SAMPLE_RATE_HZ = 2000
TRAIN_HZ = 50
TRAIN_S = 1.0
PULSES = int(TRAIN_HZ * TRAIN_S)
PERIOD = SAMPLE_RATE_HZ // TRAIN_HZ  # samples between pulses
SAMPLES = PULSES * PERIOD

# Peak response (µV) and reflex latency (ms) of each muscle; plausible, not measured.
_PEAK_UV = {
    "adductors": 400.0,
    "quadriceps": 600.0,
    "hamstrings": 500.0,
    "tibialis anterior": 700.0,
    "gastrocnemius": 650.0,
    SPHINCTER: 200.0,
}
_LATENCY_MS = {
    "adductors": 8.0,
    "quadriceps": 9.0,
    "hamstrings": 11.0,
    "tibialis anterior": 13.0,
    "gastrocnemius": 14.0,
    SPHINCTER: 10.0,
}
# Share of the peak reached by each ring of spread.
OWN, ADJACENT, DISTANT, CONTRA_OWN, CONTRA_ADJACENT = 1.0, 0.65, 0.45, 0.45, 0.3
NOISE_UV = 5.0
ARTEFACT_UV = 25.0


def spread(level: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(own, adjacent, distant) recorded muscles of one leg for a stimulated level."""
    own = MYOTOME[level]
    adjacent: list[str] = []
    i = LEVELS.index(level)
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(LEVELS):
            new = [m for m in MYOTOME[LEVELS[j]] if m not in own and m not in adjacent]
            if new:
                adjacent.extend(new)
                break
            j += step
    distant = tuple(m for m in MUSCLES if m not in own and m not in adjacent)
    return own, tuple(adjacent), distant


def channel_index(muscle: str, side: str | None) -> int:
    if muscle == SPHINCTER:
        return SPHINCTER_CHANNEL
    return SIDES.index(side) * len(MUSCLES) + MUSCLES.index(muscle)


def channel_gains(rootlet: Rootlet) -> np.ndarray:
    """Share of each channel's peak that responds in a sustained way (0 = silent)."""
    gains = np.zeros(len(CHANNELS))
    own, adjacent, distant = spread(rootlet.level)
    other = SIDES[1 - SIDES.index(rootlet.side)]
    rings = [(own, rootlet.side, OWN)]
    if rootlet.grade >= 2:
        rings.append((adjacent, rootlet.side, ADJACENT))
    if rootlet.grade >= 3:
        rings.append((distant, rootlet.side, DISTANT))
    if rootlet.grade >= 4:
        rings += [(own, other, CONTRA_OWN), (adjacent, other, CONTRA_ADJACENT)]
    for muscles, side, gain in rings:
        for m in muscles:
            gains[channel_index(m, side)] = gain
    if rootlet.sphincter:
        gains[SPHINCTER_CHANNEL] = OWN
    return gains


@lru_cache(maxsize=1)
def _kernels() -> np.ndarray:
    """(channels, PERIOD) unit biphasic potential at each channel's latency."""
    t_ms = np.arange(PERIOD) * 1000.0 / SAMPLE_RATE_HZ
    names = [*(m for _ in SIDES for m in MUSCLES), SPHINCTER]
    sigma = 1.2
    out = np.empty((len(names), PERIOD))
    for c, name in enumerate(names):
        x = (t_ms - _LATENCY_MS[name]) / sigma
        wave = -x * np.exp(-0.5 * x * x)
        out[c] = wave / np.abs(wave).max() * _PEAK_UV[name]
    return out


@dataclass(frozen=True)
class EmgTraces:
    """One stimulation's recording: ``data[channel, sample]`` in µV at ``t`` seconds."""

    rootlet_id: str
    grade: int
    intensity_ma: float
    t: np.ndarray  # (SAMPLES,)
    data: np.ndarray  # (len(CHANNELS), SAMPLES), float32, read-only


def emg_traces(seed: int, rootlet: Rootlet, intensity_ma: float | None = None) -> EmgTraces:
    """The traces of a 1 s 50 Hz train on ``rootlet`` of the child drawn from ``seed``.

    ``intensity_ma`` defaults to the rootlet's threshold (the usual test); below it
    nothing but artefact and noise appears. Same arguments, same traces.
    """
    intensity = rootlet.threshold_ma if intensity_ma is None else float(intensity_ma)
    return _traces(seed, rootlet, intensity)


@lru_cache(maxsize=256)
def _traces(seed: int, rootlet: Rootlet, intensity: float) -> EmgTraces:
    rng = np.random.default_rng(
        [seed, LEVELS.index(rootlet.level), SIDES.index(rootlet.side), rootlet.index]
    )
    channels = len(CHANNELS)
    amps = np.zeros((channels, PULSES))
    if intensity >= rootlet.threshold_ma:
        gains = channel_gains(rootlet)
        k = np.arange(PULSES)
        if rootlet.grade == 0:
            envelope = np.where(k == 0, 0.8, 0.0)  # a single discharge, nothing sustained
        else:
            envelope = 0.55 + 0.45 * (1.0 - np.exp(-k / 8.0))  # recruitment builds up
        jitter = np.exp(0.15 * rng.standard_normal((channels, PULSES)))
        amps = gains[:, None] * envelope[None, :] * jitter
    waves = amps[:, :, None] * _kernels()[:, None, :]  # (channels, pulses, period)
    waves[:, :, 0] += ARTEFACT_UV
    waves[:, :, 1] -= 0.5 * ARTEFACT_UV
    data = waves.reshape(channels, SAMPLES) + NOISE_UV * rng.standard_normal((channels, SAMPLES))
    data = data.astype(np.float32)
    data.flags.writeable = False
    t = np.arange(SAMPLES) / SAMPLE_RATE_HZ
    t.flags.writeable = False
    return EmgTraces(rootlet.id, rootlet.grade, intensity, t, data)


def sustained_rms(traces: EmgTraces) -> np.ndarray:
    """Per-channel RMS (µV) over the second half of the train: the sustained part."""
    tail = traces.data[:, SAMPLES // 2 :].astype(np.float64)
    rms: np.ndarray = np.sqrt(np.mean(tail * tail, axis=1))
    return rms


SUSTAINED_RMS_UV = 20.0  # noise + artefact stay below ~8 µV RMS, the weakest ring above ~45


def responding_channels(traces: EmgTraces) -> tuple[str, ...]:
    """Names of the channels with a sustained response, for labels and the debrief."""
    rms = sustained_rms(traces)
    return tuple(name for name, v in zip(CHANNELS, rms, strict=True) if v > SUSTAINED_RMS_UV)
