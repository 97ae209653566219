"""Speed of the scoring engine: time per reply, and throughput of ``python -m scoring``.

    .venv/bin/python -m benchmarks.speed [--replies 3000] [--lines 5000]

Scores replies of about 400 characters, varied so that caches of single words are warm but no
reply repeats, against a realistic step (4 points, 2 facts, 2 never items, 37 phrases, one a
regular expression) built here. Prints the median and 99th percentile of the wall-clock and
CPU time per reply, then pipes `--lines` JSON lines through a `python -m scoring` subprocess,
pinned to one core where `taskset` exists and then on every core (one worker per core), and
prints replies per second, start-up excluded.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from scoring import score_reply
from scoring.format import load_scenario_text

SCENARIO = {
    "id": "speed-shop-outage",
    "version": 1,
    "title": "Speed benchmark: a shop is down during an incident",
    "domain": "web-hosting",
    "persona": "rude",
    "channel": "chat",
    "difficulty": 3,
    "steps": [
        {
            "id": "opening",
            "customer": "Your hosting is GARBAGE. My shop has been down for an hour!!!",
            "expect": {
                "points": [
                    {
                        "id": "apologise",
                        "label": "Apologises and acknowledges the impact",
                        "phrases": [
                            "sorry",
                            "apologise",
                            "understand how frustrating",
                            "losing sales",
                            "I understand",
                        ],
                    },
                    {
                        "id": "incident",
                        "label": "Confirms the known incident",
                        "phrases": [
                            "known incident",
                            "INC-4471",
                            "we are aware",
                            "engineers are working",
                            "storage cluster",
                        ],
                    },
                    {
                        "id": "ask-domain",
                        "label": "Asks which shop (domain) is affected",
                        "phrases": [
                            "which domain",
                            "your domain",
                            "shop address",
                            "store url",
                            "web address",
                        ],
                        "weight": 2,
                    },
                    {
                        "id": "status-page",
                        "label": "Points to the status page",
                        "phrases": ["status.shophost.example", "status page", "live updates"],
                    },
                ],
                "facts": [
                    {
                        "id": "eta",
                        "label": "Gives the expected recovery time (11:30)",
                        "phrases": ["re:\\b11[:.]30\\b", "half past eleven"],
                        "wrong": ["by tomorrow", "no outage", "servers are fine"],
                    },
                    {
                        "id": "credit",
                        "label": "Says the SLA credit is automatic",
                        "phrases": ["applied automatically", "next invoice", "sla credit"],
                        "wrong": ["full refund", "month for free"],
                    },
                ],
                "never": [
                    {
                        "id": "argue",
                        "label": "Argues with the customer",
                        "phrases": [
                            "calm down",
                            "watch your language",
                            "no need to shout",
                            "not a joke",
                        ],
                    },
                    {
                        "id": "blame",
                        "label": "Blames the customer",
                        "phrases": ["your fault", "you should have", "you broke"],
                    },
                ],
            },
        }
    ],
}

SENTENCES = [
    "I'm really sorry your shop has been down, I understand how frustrating this is.",
    "Hi {name}, thanks for getting in touch and for your patience.",
    "Our engineers are working on incident INC-4471 with one storage cluster right now.",
    "We expect every shop to be back by 11:30, and I will keep you posted.",
    "Could you tell me which domain is affected so I can check it directly?",
    "You can follow live updates on status.shophost.example every thirty minutes.",
    "The SLA credit for the downtime is applied automatically to your next invoice.",
    "Calm down, shouting will not make it faster.",
    "Please send me the web address of your store when you have a moment.",
    "I apologise for the trouble this causes during your busy {day}.",
    "If anything else comes up, feel free to reply here and I'll take care of it.",
    "Honestly it is not our fault, you should have a backup of your own.",
]
NAMES = ["Dario", "Anna", "Marek", "Helen", "Priya", "Ben"]
DAYS = ["morning", "afternoon", "Monday", "weekend"]


def make_replies(count: int, seed: int = 7) -> list[str]:
    """Replies of about 400 characters, each a different mix of the sentences above."""
    chooser = random.Random(seed)
    replies = []
    for number in range(count):
        parts: list[str] = []
        while sum(len(part) + 1 for part in parts) < 380:
            sentence = chooser.choice(SENTENCES)
            parts.append(sentence.format(name=chooser.choice(NAMES), day=chooser.choice(DAYS)))
        replies.append(" ".join(parts) + f" Ref {number}.")
    return replies


def per_reply(replies: list[str]) -> None:
    step = load_scenario_text(yaml.safe_dump(SCENARIO)).steps[0]
    for reply in replies[:200]:
        score_reply(reply, step)
    wall, cpu = [], []
    for reply in replies:
        wall_start, cpu_start = time.perf_counter_ns(), time.thread_time_ns()
        score_reply(reply, step)
        cpu.append((time.thread_time_ns() - cpu_start) / 1e6)
        wall.append((time.perf_counter_ns() - wall_start) / 1e6)
    length = statistics.fmean(len(reply) for reply in replies)
    print(f"per reply ({len(replies)} replies, mean {length:.0f} characters):")
    for name, times in (("wall", wall), ("cpu", cpu)):
        times.sort()
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"  {name:<4} median={statistics.median(times):.3f} ms  p99={p99:.3f} ms")


def batch(replies: list[str], lines: int) -> None:
    with tempfile.TemporaryDirectory() as directory:
        Path(directory, "speed.yaml").write_text(yaml.safe_dump(SCENARIO), encoding="utf-8")
        requests = [
            json.dumps({"scenario": SCENARIO["id"], "step": "opening", "reply": reply})
            for reply in (replies * (lines // len(replies) + 1))[:lines]
        ]
        for pinned in (True, False):
            startup = _run(directory, requests[:1], pinned)
            total = _run(directory, requests, pinned)
            cores = "one core" if pinned else f"{os.cpu_count()} cores"
            print(
                f"python -m scoring on {cores}: {lines} lines in {total:.2f} s, "
                f"start-up {startup:.2f} s, {(lines - 1) / (total - startup):,.0f} replies/s "
                "after start-up"
            )


def _run(directory: str, requests: list[str], pinned: bool) -> float:
    """Seconds for the whole run; pinned to core 0 where `taskset` exists (then one worker)."""
    command = [sys.executable, "-m", "scoring", "--scenarios", directory]
    if pinned and shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    started = time.perf_counter()
    result = subprocess.run(
        command, input="\n".join(requests) + "\n", capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - started
    if len(result.stdout.splitlines()) != len(requests) or '"error"' in result.stdout:
        raise SystemExit(f"unexpected output from python -m scoring: {result.stdout[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=3000)
    parser.add_argument("--lines", type=int, default=5000)
    args = parser.parse_args()
    replies = make_replies(args.replies)
    per_reply(replies)
    batch(replies, args.lines)


if __name__ == "__main__":
    main()
