"""Lost updates in Python: `counter += 1` from several threads, with and without a call between
the read and the write, and the same update in asyncio with an `await` inside it.

Run: python3 lost_updates.py 1000000
Prints the interpreter version, then each count against the number of updates made.
"""

import asyncio
import sys
import threading

TIMES = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
WORKERS = 4
counter = 0


def bare():
    """The update as one statement: read, add and write."""
    global counter
    for _ in range(TIMES):
        counter += 1


def touch():
    """Any call at all: it gives the interpreter a chance to switch threads."""


def with_call():
    """The same update with a call between the read and the write."""
    global counter
    for _ in range(TIMES):
        value = counter
        touch()
        counter = value + 1


def run(target):
    """Runs `target` on WORKERS threads at once and returns the count they leave."""
    global counter
    counter = 0
    threads = [threading.Thread(target=target) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


async def with_await(times):
    """WORKERS tasks, each updating `times` times with an `await` between the read and the write."""
    global counter
    counter = 0

    async def add():
        global counter
        for _ in range(times):
            value = counter
            await asyncio.sleep(0)  # another task runs here, and reads the same value
            counter = value + 1

    await asyncio.gather(*(add() for _ in range(WORKERS)))
    return counter


total = WORKERS * TIMES
print(
    sys.version.split()[0],
    "| bare:", run(bare), "of", total,
    "| with a call:", run(with_call), "of", total,
    "| asyncio, await inside:", asyncio.run(with_await(10_000)), "of", WORKERS * 10_000,
)
