"""Latency of the whole understanding pipeline, per message, on one core, and training time.

Runs the training corpus (``intents/corpus/``, every writer) through ``Understander.understand``
(normalisation, the emergency rules, the rules' reading, the model's features and decision)
with the default catalogue and with a catalogue ten times larger (nine renamed copies with
perturbed aliases); then trains the model once, as ``make train`` does, into a scratch file.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from intents.catalogue import Catalogue, Entry
from intents.pipeline import Understander

ROOT = Path(__file__).resolve().parent.parent
MESSAGE_FILES = sorted((ROOT / "intents" / "corpus").glob("*.jsonl"))
TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=TZ)
ROUNDS = 3
P99_TARGET_MS = 1.0
TRAIN_TARGET_S = 60.0


def messages() -> list[str]:
    """All benchmark messages found on disk, with a few fixed extras."""
    texts = ["谢谢", "明天下午三点帮我洗油烟机", "can someone fix my fridge tomorrow morning?"]
    for path in MESSAGE_FILES:
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return texts


def _perturb(alias: str, copy: int) -> str:
    """A different but similar alias: one character swapped or a suffix added."""
    if alias.isascii():
        return f"{alias}{copy}x"
    return alias[::-1] if copy % 2 else alias + "类"[: copy % 3]


def enlarged(catalogue: Catalogue, factor: int = 10) -> Catalogue:
    """The catalogue plus ``factor - 1`` renamed copies of every entry."""
    entries: list[Entry] = list(catalogue)
    for copy in range(1, factor):
        for entry in catalogue:
            entries.append(
                replace(
                    entry,
                    id=f"{entry.id}_{copy}",
                    aliases=tuple(_perturb(a, copy) for a in entry.aliases),
                    keywords=tuple(_perturb(k, copy) for k in entry.keywords),
                )
            )
    return Catalogue(entries)


def chatter() -> list[str]:
    """Messages labelled as asking nothing (the bot stays silent on them in a group)."""
    texts = ["今天天气真不错，晚上一起去散步吗", "哈哈哈好的", "谢谢大家"]
    for path in MESSAGE_FILES:
        if path.exists():
            with path.open(encoding="utf-8") as handle:
                rows = [json.loads(line) for line in handle if line.strip()]
            texts += [r["text"] for r in rows if r.get("intent") == "none"]
    return texts


def without_cue(understander: Understander, texts: list[str]) -> list[str]:
    """The chatter in which the rules find no request cue and nothing named (no emergency,
    no catalogue entry, no lexicon hit, no flag, none of the first cues): the cheap path."""
    quiet = []
    for text in texts:
        seen = understander.see(text, "group", NOW)
        if seen.reading is not None and seen.reading.signals is None:
            quiet.append(text)
    return quiet


def group_chatter(understander: Understander, texts: list[str]) -> tuple[float, float, float]:
    """Median, 90th and 99th percentile microseconds of this thread's CPU time for chatter
    understood as a group message."""
    for text in texts:
        understander.understand(text, chat="group", now=NOW)
    samples: list[float] = []
    for _ in range(ROUNDS):
        for text in texts:
            c0 = time.thread_time()
            understander.understand(text, chat="group", now=NOW)
            samples.append(time.thread_time() - c0)
    samples.sort()
    at = min(len(samples) - 1, int(len(samples) * 0.99))
    return (
        statistics.median(samples) * 1e6,
        samples[int(len(samples) * 0.9)] * 1e6,
        samples[at] * 1e6,
    )


def measure(
    understander: Understander, texts: list[str]
) -> tuple[float, float, float, float, float, float]:
    """Median and p99 milliseconds per message, of wall time and of this thread's CPU time
    (which other processes on a loaded machine do not inflate as much), messages/s, and the
    p95 of CPU time."""
    for text in texts:
        understander.understand(text, now=NOW)
    wall: list[float] = []
    cpu: list[float] = []
    started = time.perf_counter()
    for _ in range(ROUNDS):
        for text in texts:
            t0, c0 = time.perf_counter(), time.thread_time()
            understander.understand(text, now=NOW)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - t0)
    elapsed = time.perf_counter() - started
    wall.sort()
    cpu.sort()
    at = min(len(wall) - 1, int(len(wall) * 0.99))
    return (
        statistics.median(wall) * 1000,
        wall[at] * 1000,
        statistics.median(cpu) * 1000,
        cpu[at] * 1000,
        len(wall) / elapsed,
        cpu[int(len(cpu) * 0.95)] * 1000,
    )


def main() -> None:
    """Print latency figures for the default and the tenfold catalogue."""
    texts = messages()
    default = Catalogue.default()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average {load:.2f} on {os.cpu_count()} cpus (p99 is sensitive to other load)")
    for label, catalogue in (("default", default), ("10x", enlarged(default))):
        t0 = time.perf_counter()
        understander = Understander(catalogue, TZ)
        build_ms = (time.perf_counter() - t0) * 1000
        median, p99, cpu_median, cpu_p99, rate, cpu_p95 = measure(understander, texts)
        verdict = "ok" if cpu_p99 <= P99_TARGET_MS else "over target"
        print(
            f"intents {label:>7} catalogue ({len(catalogue)} entries, build {build_ms:.0f} ms): "
            f"wall p50 {median:.3f} ms p99 {p99:.3f} ms; CPU p50 {cpu_median:.3f} ms "
            f"p95 {cpu_p95:.3f} ms p99 {cpu_p99:.3f} ms ({verdict} vs {P99_TARGET_MS} ms), "
            f"{rate:,.0f} msg/s, {len(texts)} messages x {ROUNDS}"
        )
    understander = Understander(default, TZ)
    quiet = chatter()
    for label, group in (
        ("", quiet),
        (" without a request cue", without_cue(understander, quiet)),
    ):
        median, p90, p99 = group_chatter(understander, group)
        print(
            f"group chatter{label} ({len(group)} messages labelled none, default catalogue): "
            f"CPU median {median:.0f} µs, p90 {p90:.0f} µs, p99 {p99:.0f} µs"
        )
    training()


def training() -> None:
    """Train the model once from the corpus, as `make train` does (into a scratch file)."""
    try:
        from intents.train import train  # needs scikit-learn, the [train] extra
    except ImportError:
        print("training: scikit-learn is not installed (pip install '.[train]')")
        return
    with tempfile.TemporaryDirectory() as scratch:
        t0 = time.perf_counter()
        said = train(out=Path(scratch) / "model.json")
        seconds = time.perf_counter() - t0
    verdict = "ok" if seconds <= TRAIN_TARGET_S else "over target"
    print(f"training: {seconds:.1f} s ({verdict} vs {TRAIN_TARGET_S:g} s): {said}")


if __name__ == "__main__":
    main()
