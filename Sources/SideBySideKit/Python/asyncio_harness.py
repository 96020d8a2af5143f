"""Runs one example of asyncio_examples.py and reports what it printed, as JSON Lines.

    python3 -S -W ignore asyncio_harness.py EXAMPLE --seed N --pace SECONDS
        [--hold-back LANE] [--variant naive-actor] [--eager] [--activities]

The asyncio twin of ``harness.py``, whose pieces it imports (the example's clock, SplitMix64,
the ctime that remembers its stamp, the output lock, the parent watch), and the same protocol
on stdout: {"start": ...}, one object per printed line, {"end": true, "lateness": ...}. Around
the examples, which are left as they are, it

- paces ``asyncio.sleep``: a sleep of d notebook seconds ends at the example's start plus
  (beat now + d) * pace, as ``time.sleep`` is paced for the threading program. The timeouts
  are paced the same way: ``asyncio.timeout(d)``, ``asyncio.wait(..., timeout=d)`` and
  ``asyncio.wait_for(..., timeout=d)``. A zero or negative timeout stays one that has already
  run out.
- makes ``time.time()`` read the example's clock, and ``random.randint`` draw from SplitMix64
  seeded with --seed, as harness.py does.
- records each printed line whole, with the name of the task that printed it as its lane (the
  main task is named ``MainThread`` by ``asyncio_examples.run``).
- with --hold-back LANE, makes the task named LANE wait, at its first ``acquire`` of an
  ``asyncio.Lock``, until another task holds that lock: the other outcome of the lock race.
- with --variant naive-actor, runs synchronizing-threads with the print routine that takes no
  lock (the anti-solution); with --eager (Python 3.12+), runs with
  ``asyncio.eager_task_factory``, so a created task runs to its first await at once (named
  before that first step: see ``named_eager_task_factory``).
- with --activities, also reports what each task did between its lines, one object each:
  {"activity": "sleep" | "join" | "lock wait" | "lock hold", "lane": ..., "from": t, "to": t}
  in notebook seconds (a join being a wait for tasks: ``asyncio.wait``, ``wait_for``).

Needs Python 3.11 or later (``TaskGroup``, ``asyncio.timeout``, ``except*``): an older one
exits with status 2 and one line. Failures and the parent watch are as in harness.py: one line
on stderr beginning "harness: ", status 1 (the example failed) or 2 (bad use); 3 when stdin, a
pipe from the parent, reaches its end.
"""

import os
import sys

sys.dont_write_bytecode = True  # the script may sit in a read-only resource bundle
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

if sys.version_info < (3, 11):
    os.write(2, ("harness: the asyncio examples need Python 3.11 or later, not %d.%d\n"
                 % sys.version_info[:2]).encode())
    os._exit(2)

import _thread  # noqa: E402
import argparse  # noqa: E402
import asyncio  # noqa: E402
import random  # noqa: E402
import signal  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

import harness  # noqa: E402  (the threading harness: its pieces, not its main)
import asyncio_examples  # noqa: E402

_monotonic = time.monotonic
_real_sleep = asyncio.sleep
_real_timeout_at = asyncio.timeout_at
_real_wait = asyncio.wait
_real_wait_for = asyncio.wait_for
_RealLock = asyncio.Lock


def lane():
    """The name of the task running now: a printed line's lane."""
    try:
        task = asyncio.current_task()
    except RuntimeError:  # no event loop running: the main thread itself
        task = None
    return task.get_name() if task is not None else threading.current_thread().name


class Activities:
    """What each task did between its lines, reported only with --activities."""

    def __init__(self, clock, enabled):
        self.clock = clock
        self.enabled = enabled

    def report(self, kind, who, since):
        if self.enabled:
            harness.emit({"activity": kind, "lane": who, "from": since,
                          "to": self.clock.elapsed()})


# Recording print ------------------------------------------------------------------------------


def make_print(clock):
    """Each line whole, with its task's name; the ctime stamp split off, as harness.py does."""

    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None and file is not sys.stdout:
            print(*args, sep=sep, end=end, file=file, flush=flush)
            return
        text = (" " if sep is None else sep).join(map(str, args))
        record = {"lane": lane(), "stamped": False}
        stamp = getattr(harness._stamps, "last", None)
        harness._stamps.last = None
        if stamp is not None and text.endswith(" " + stamp[0]):
            text = text[: -len(stamp[0]) - 1]
            record.update(stamped=True, stamp=stamp[0], clock=stamp[1])
        record["text"] = text
        with harness._output_lock:
            record["elapsed"] = clock.elapsed()
            harness._write(record)

    return recording_print


# Paced sleeps and timeouts ----------------------------------------------------------------------


def make_sleep(clock, activities):
    async def paced_sleep(delay, result=None):
        """asyncio.sleep inside the example: delay in notebook seconds, ended on its beat."""
        if delay <= 0:  # asyncio.sleep(0) only lets the other tasks run; negative is the same
            return await _real_sleep(0, result)
        since = clock.elapsed()
        deadline = clock.deadline(delay)
        # Suspends at least once, as asyncio.sleep(delay > 0) always does: on a busy machine the
        # deadline may be past already, and a sleep that did not suspend would let this task
        # print on before the tasks queued behind it had run, an order no real program shows.
        await _real_sleep(max(0, deadline - _monotonic()))
        while (remaining := deadline - _monotonic()) > 0:
            await _real_sleep(remaining)
        clock.note_lateness(deadline)
        activities.report("sleep", lane(), since)
        return result

    return paced_sleep


def make_timeout(clock):
    """asyncio.timeout(delay): its deadline counted from the beat it is made on.

    The event loop's time is time.monotonic(), so the paced deadline is handed to
    asyncio.timeout_at as it is. One already past (a zero or negative delay) expires at the
    first await inside, as asyncio.timeout(0) does."""

    class PacedTimeout:
        def __init__(self, delay):
            self.deadline = None if delay is None else clock.deadline(delay)
            self.inner = _real_timeout_at(self.deadline)

        async def __aenter__(self):
            return await self.inner.__aenter__()

        async def __aexit__(self, *exc):
            try:
                return await self.inner.__aexit__(*exc)
            finally:
                if self.inner.expired():
                    clock.note_lateness(self.deadline)

    return PacedTimeout


def make_wait(clock, activities):
    async def paced_wait(fs, *, timeout=None, return_when=asyncio.ALL_COMPLETED):
        """asyncio.wait, its timeout in notebook seconds. It cancels nothing."""
        since = clock.elapsed()
        real, deadline = harness.paced_timeout(clock, timeout)
        try:
            return await _real_wait(fs, timeout=real, return_when=return_when)
        finally:
            if deadline is not None and _monotonic() >= deadline:
                clock.note_lateness(deadline)
            activities.report("join", lane(), since)

    return paced_wait


def make_wait_for(clock, activities):
    async def paced_wait_for(fut, timeout):
        """asyncio.wait_for, its timeout in notebook seconds. It cancels what it waited for."""
        since = clock.elapsed()
        real, deadline = harness.paced_timeout(clock, timeout)
        try:
            return await _real_wait_for(fut, real)
        finally:
            if deadline is not None and _monotonic() >= deadline:
                clock.note_lateness(deadline)
            activities.report("join", lane(), since)

    return paced_wait_for


# The example's asyncio.Lock: waits and holds reported, a lane held back -----------------------


def make_lock(hold, activities):
    class ObservedLock(_RealLock):
        """asyncio.Lock as the example uses it; with --hold-back, the held-back task's first
        acquire waits until another task holds it."""

        def __init__(self):
            super().__init__()
            self._gate = asyncio.Event()  # set once another task holds the lock
            self._waited = False
            self._held_since = None

        async def acquire(self):
            me = lane()
            if hold is not None and me == hold.lane and not self._waited:
                self._waited = True
                hold.seen = True
                try:
                    async with asyncio.timeout_at(_monotonic() + hold.bound):
                        await self._gate.wait()
                except TimeoutError:
                    harness.fail("--hold-back %s: no other task took the lock within %g s"
                                 % (me, hold.bound))
            since = activities.clock.elapsed()
            got = await super().acquire()
            if hold is None or me != hold.lane:
                self._gate.set()
            if self.locked():
                activities.report("lock wait", me, since)
                self._held_since = (me, activities.clock.elapsed())
            return got

        def release(self):
            super().release()
            if self._held_since is not None:
                who, since = self._held_since
                self._held_since = None
                activities.report("lock hold", who, since)

    return ObservedLock


# The eager task factory, named in time -----------------------------------------------------------


def named_eager_task_factory(loop, coro, *, name=None, context=None):
    """asyncio.eager_task_factory, with the task's name set before its eager first step.

    Python 3.12 and 3.13 hand a task factory no name: loop.create_task names the task after the
    factory returns (and TaskGroup.create_task after that), by which time an eager task has run
    to its first await, printing under "Task-N". The name is read here from the create_task
    frames that called the factory: a workaround in the harness, not in the examples."""
    frame = sys._getframe(1)
    while name is None and frame is not None and frame.f_code.co_name == "create_task":
        name = frame.f_locals.get("name")
        frame = frame.f_back
    return asyncio.Task(coro, loop=loop, name=name, context=context, eager_start=True)


# Main -------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(prog="asyncio_harness.py",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("example", choices=sorted(asyncio_examples.EXAMPLES))
    parser.add_argument("--seed", type=harness.seed_value, default=0)
    parser.add_argument("--pace", type=harness.positive_float, default=1.0,
                        help="real seconds per notebook second (default 1)")
    parser.add_argument("--hold-back", metavar="LANE",
                        help="the task that waits at its first acquire until another holds the lock")
    parser.add_argument("--variant", choices=sorted({v for _, v in asyncio_examples.VARIANTS}),
                        help="an anti-solution instead of the example as written")
    parser.add_argument("--eager", action="store_true",
                        help="asyncio.eager_task_factory (Python 3.12+)")
    parser.add_argument("--activities", action="store_true",
                        help="report sleeps, joins, lock waits and holds too")
    options = parser.parse_args()

    example, args = asyncio_examples.EXAMPLES[options.example], ()
    if options.variant is not None:
        found = asyncio_examples.VARIANTS.get((options.example, options.variant))
        if found is None:
            harness.fail("--variant %s: %s has no such variant" % (options.variant, options.example))
        example, *args = found
    if options.eager and not hasattr(asyncio, "eager_task_factory"):
        harness.fail("--eager needs Python 3.12 or later, not %d.%d" % sys.version_info[:2])

    if hasattr(signal, "pthread_sigmask"):  # as harness.py: a parent may have blocked them
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})
    if harness.stdin_is_pipe():
        _thread.start_new_thread(harness.watch_stdin, ())

    clock = harness.Clock(options.pace)
    activities = Activities(clock, options.activities)
    generator = harness.SplitMix64(options.seed)
    time.time = clock.time
    time.ctime = harness.recording_ctime
    random.randint = generator.randint
    asyncio.sleep = make_sleep(clock, activities)
    asyncio.timeout = make_timeout(clock)
    asyncio.wait = make_wait(clock, activities)
    asyncio.wait_for = make_wait_for(clock, activities)
    hold = None
    if options.hold_back is not None:
        hold = harness.HoldBack(options.hold_back, bound=max(5.0, 30 * options.pace))
    asyncio.Lock = make_lock(hold, activities)
    asyncio_examples.print = make_print(clock)

    async def started(*args):
        if options.eager:  # from here on, create_task runs the task to its first await at once
            asyncio.get_running_loop().set_task_factory(named_eager_task_factory)
        with harness._output_lock:
            clock.start()
            harness._write({"start": clock.start_wall})
        # A thread, not a task: it measures how late the machine lets this process wake, and
        # stays out of asyncio.all_tasks(), which an example may count.
        _thread.start_new_thread(clock.probe, ())
        await example(*args)
        clock.note_probe_at_end()

    try:
        asyncio_examples.run(started, *args)
    except BaseException as error:
        os.write(2, traceback.format_exc().encode())
        # The first error a group holds: a traceback of one ends with a rule, not the error.
        while isinstance(error, BaseExceptionGroup) and error.exceptions:
            error = error.exceptions[0]
        said = traceback.format_exception_only(type(error), error)[-1].strip()
        harness.fail("%s failed: %s" % (options.example, said), status=1)
    if hold is not None and not hold.seen:
        harness.fail("--hold-back %s: no task of that name acquired a lock" % options.hold_back)
    harness.emit({"end": True, "lateness": clock.lateness})
    os._exit(0)


if __name__ == "__main__":
    main()
