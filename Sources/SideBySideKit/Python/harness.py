"""Runs one example of notebook_examples.py (or beyond_examples.py) and reports what it printed, as JSON Lines.

    python3 -S -W ignore harness.py EXAMPLE --seed N --pace SECONDS [--hold-back LANE]

EXAMPLE is start-new-thread, threading-module, simple-threading or synchronizing-threads. The
examples are left as they are; around them the harness

- paces ``time.sleep``: a sleep of d notebook seconds ends at the example's start plus
  (beat now + d) * pace, where beat now is the notebook seconds elapsed, rounded down. A late
  wake-up is not carried into the next sleep, as on the Swift side (``ExampleClock``). A
  ``join`` with a timeout is paced the same way.
- makes ``time.time()`` read the example's clock: the start's wall time plus the real time
  elapsed divided by the pace, so ``time.ctime(time.time())`` prints clock-true stamps.
- makes ``random.randint`` draw from SplitMix64 seeded with --seed, the very numbers Swift's
  ``Int.random(in:using:)`` draws from the package's ``SeededRandom``.
- records each printed line whole (``print`` is replaced in the example module only; Python's
  own print writes its arguments one by one, and unbuffered lines from two threads glue),
  with ``threading.current_thread().name`` as its lane.
- with --hold-back LANE, makes the thread named LANE wait, at its first ``acquire`` of a lock
  the example made, until another thread holds that lock: the other outcome of the lock race.

Python's ``Thread.start()`` keeps its behaviour (it returns once the new thread runs); the time
it took is counted as the starting thread's lateness until its next sleep or join, as the Swift
runners count it.

Protocol on stdout, one JSON object per line:
    {"start": <unix seconds>}                                  when the main flow starts
    {"lane": ..., "text": ..., "stamped": false, "elapsed": <notebook seconds>}
    {"lane": ..., "text": ..., "stamped": true, "elapsed": ..., "stamp": <ctime>, "clock": <t>}
    {"activity": "sleep"|"join"|"lock wait"|"lock hold", "lane": ..., "from": ..., "to": ...}
                                   a lane's sleep, join, lock wait or hold, in notebook seconds
    {"end": true, "lateness": <latest paced wake-up, notebook seconds>}
"text" is the line without its stamp; "stamp" is what ``time.ctime`` returned, for the time
``clock`` (unix seconds on the example's clock). Warnings are silenced. When stdin is a pipe
and reaches end of file (the parent is gone), the harness exits at once with status 3. A
failure prints one line on stderr, beginning "harness: ", and exits with status 1 or 2.
"""

import _thread
import argparse
import concurrent.futures
import json
import math
import os
import random
import signal
import stat
import sys
import threading
import time
import traceback
import warnings

warnings.simplefilter("ignore")

sys.dont_write_bytecode = True  # the script may sit in a read-only resource bundle
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import notebook_examples  # noqa: E402  (after the path is set)

try:  # the examples beyond the notebook, when the package has them
    import beyond_examples  # noqa: E402
    MODULES = [notebook_examples, beyond_examples]
except ImportError:
    MODULES = [notebook_examples]

# Every example id, with the module that defines it.
EXAMPLES = {name: (module, function)
            for module in MODULES for name, function in module.EXAMPLES.items()}

MASK = (1 << 64) - 1

_monotonic = time.monotonic
_wall_time = time.time
_real_sleep = time.sleep
_real_ctime = time.ctime
_real_event_wait = threading.Event.wait
_real_future_result = concurrent.futures.Future.result
_real_join = threading.Thread.join
_real_start = threading.Thread.start
_real_condition_wait = threading.Condition.wait
_real_notify = threading.Condition.notify
_real_lock = threading.Lock
_real_rlock = threading.RLock


def fail(message, status=2):
    """One line on stderr, then exit: from any thread."""
    os.write(2, ("harness: %s\n" % message).encode())
    os._exit(status)


# Output ---------------------------------------------------------------------------------------

_output_lock = _thread.allocate_lock()


def _write(obj):
    data = (json.dumps(obj) + "\n").encode()
    while data:
        data = data[os.write(1, data):]


def emit(obj):
    with _output_lock:
        _write(obj)


# The example's clock ----------------------------------------------------------------------------


class Clock:
    def __init__(self, pace):
        self.pace = pace
        self.start_monotonic = None
        self.start_wall = None
        self.lateness = 0.0
        self.probed = 0
        self._behind = {}
        self._lock = _thread.allocate_lock()
        self.reports_activities = False  # main sets it: a Clock used alone prints nothing

    def start(self):
        self.start_monotonic = _monotonic()
        self.start_wall = _wall_time()

    def elapsed(self):
        """Notebook seconds since the start."""
        return (_monotonic() - self.start_monotonic) / self.pace

    @staticmethod
    def beat(notebook_seconds):
        """The whole notebook second it falls in, rounded down, as ExampleClock.beat(of:)."""
        return math.floor(notebook_seconds + 1e-6)

    def time(self):
        """The example's clock, in unix seconds: time.time() inside the example."""
        if self.start_monotonic is None:
            return _wall_time()
        return self.start_wall + self.elapsed()

    def deadline(self, notebook_seconds):
        """The monotonic instant a wait of notebook_seconds that begins now should end."""
        beat_now = self.beat(self.elapsed())
        return self.start_monotonic + (beat_now + notebook_seconds) * self.pace

    def note_lateness(self, deadline):
        late = (_monotonic() - deadline) / self.pace
        with self._lock:
            self.lateness = max(self.lateness, late)

    def falls_behind(self, seconds):
        """The calling thread spent `seconds` (notebook seconds) on something the notebook's
        time line counts as taking no time (starting a thread): it falls behind by that much
        more, until its next sleep or join puts it back on schedule. How far behind it is, is
        lateness (the Swift runners' ``ExampleContext.fallsBehind``): on a loaded machine two
        slow starts put every later line of that thread a beat late, and the run is then too
        late to judge, not NOT equivalent."""
        lane = threading.current_thread().name
        with self._lock:
            total = self._behind.get(lane, 0.0) + seconds
            self._behind[lane] = total
            self.lateness = max(self.lateness, total)

    def on_schedule(self):
        """The calling thread waited for a deadline or a join: it is back on schedule."""
        self.blocks()
        with self._lock:
            self._behind.pop(threading.current_thread().name, None)

    # A started thread's first line. The notebook's time line has it printed the moment it was
    # started, unless it waits first; a loaded machine can hold it back after start() has
    # returned (seen: a beat at 0.1 s a beat, beside two busy loops), where no wait of its own
    # measures it. So the time from start() to a first line printed before any wait is lateness.
    # A wait before the first line ends the watch: the wait's own measures take over.

    @staticmethod
    def started(thread):
        """`thread` is being started now: its first line is due now."""
        thread._harness_first_line_due = _monotonic()

    @staticmethod
    def blocks():
        """The calling thread waits (sleep, join, a condition, a lock, an event or future)."""
        threading.current_thread().__dict__.pop("_harness_first_line_due", None)

    def printed(self):
        """The calling thread prints: if it is its first line, due since its start, how late."""
        due = threading.current_thread().__dict__.pop("_harness_first_line_due", None)
        if due is not None:
            self.note_lateness(due)

    def note(self, kind, since):
        """Reports that the calling thread spent the time from `since` until now on `kind`."""
        if self.start_monotonic is None or not self.reports_activities:
            return
        emit({"activity": kind, "lane": threading.current_thread().name, "from": since,
              "to": self.elapsed()})

    def sleep(self, notebook_seconds):
        """time.sleep inside the example."""
        if notebook_seconds < 0:
            raise ValueError("sleep length must be non-negative")
        since = self.elapsed()
        deadline = self.deadline(notebook_seconds)
        while True:
            remaining = deadline - _monotonic()
            if remaining <= 0:
                break
            _real_sleep(remaining)
        self.note_lateness(deadline)
        self.on_schedule()
        self.note("sleep", since)

    def probe(self):
        """Wakes four times a beat for as long as the process lives, noting how late each
        wake-up was, as the Swift runners' probe does: an example that never sleeps (data-race)
        on a machine too busy to run it on time is then judged too late, not NOT equivalent.
        A bare `_thread` thread: it is not in `threading.enumerate()`."""
        tick = 1
        while True:
            deadline = self.start_monotonic + tick * self.pace / 4
            remaining = deadline - _monotonic()
            if remaining > 0:
                _real_sleep(remaining)
            self.note_lateness(deadline)
            self.probed = tick
            tick += 1

    def note_probe_at_end(self):
        """At the example's end: a tick that fell due and the probe has not woken for is late by
        now. A run starved from start to end never wakes its probe, so only its end can tell."""
        deadline = self.start_monotonic + (self.probed + 1) * self.pace / 4
        if _monotonic() > deadline:
            self.note_lateness(deadline)


# Seeded random ----------------------------------------------------------------------------------


class SplitMix64:
    """Swift's SeededRandom, with randint as Swift's Int.random(in: low...high, using:)."""

    def __init__(self, seed):
        self.state = seed & MASK
        self._lock = _thread.allocate_lock()

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def next_below(self, bound):
        """RandomNumberGenerator.next(upperBound:): Lemire's multiply-high, with rejection."""
        m = self.next() * bound
        if m & MASK < bound:
            t = (-bound & MASK) % bound
            while m & MASK < t:
                m = self.next() * bound
        return m >> 64

    def randint(self, low, high):
        if not (-(1 << 63) <= low <= high < (1 << 63)):
            raise ValueError("randint(%r, %r): not a range of 64-bit integers" % (low, high))
        with self._lock:
            delta = (high - low) & MASK
            if delta == MASK:
                drawn = self.next()
            else:
                drawn = ((low & MASK) + self.next_below(delta + 1)) & MASK
        return drawn - (1 << 64) if drawn >= 1 << 63 else drawn


# Recording print --------------------------------------------------------------------------------

_stamps = threading.local()  # the last time.ctime() result, per thread


def recording_ctime(seconds=None):
    """time.ctime, remembering on this thread what it returned, so print can split it off."""
    if seconds is None:
        seconds = time.time()
    text = _real_ctime(seconds)
    _stamps.last = (text, seconds)
    return text


def make_print(clock):
    def recording_print(*args, sep=" ", end="\n", file=None, flush=False):
        if file is not None and file is not sys.stdout:
            print(*args, sep=sep, end=end, file=file, flush=flush)
            return
        text = (" " if sep is None else sep).join(map(str, args))
        record = {"lane": threading.current_thread().name, "stamped": False}
        stamp = getattr(_stamps, "last", None)
        _stamps.last = None
        if stamp is not None and text.endswith(" " + stamp[0]):
            text = text[: -len(stamp[0]) - 1]
            record.update(stamped=True, stamp=stamp[0], clock=stamp[1])
        record["text"] = text
        clock.printed()
        with _output_lock:
            record["elapsed"] = clock.elapsed()
            _write(record)

    return recording_print


# Paced join -------------------------------------------------------------------------------------


def make_paced_wait(method, clock):
    """A method taking `timeout` in notebook seconds (Event.wait, Future.result), paced."""

    def paced(self, timeout=None):
        real, deadline = paced_timeout(clock, timeout)
        clock.blocks()
        try:
            return method(self, real)
        finally:
            if deadline is not None and _monotonic() >= deadline:
                clock.note_lateness(deadline)

    return paced


def make_join(clock):
    def paced_join(self, timeout=None):
        since = clock.elapsed()
        if timeout is None:
            _real_join(self)
            clock.on_schedule()
            return clock.note("join", since)
        deadline = clock.deadline(timeout)
        _real_join(self, max(0.0, deadline - _monotonic()))
        if self.is_alive():  # the timeout ran out: a paced wait like a sleep
            clock.note_lateness(deadline)
        clock.on_schedule()
        clock.note("join", since)

    return paced_join


def make_condition_waits(clock):
    """Condition.notify and Condition.wait, timed: a waiter woken by a notify that it then needed
    far longer than a moment to act on is late by that much, as a lock handed over late is on the
    Swift side. Every blocking hand-over between threads in the standard library goes through a
    Condition (queue.Queue's put and get, Barrier, Semaphore, Condition itself), so a machine too
    busy to pass an item on in time is found here, not judged NOT equivalent."""

    def notify(self, n=1):
        self._notified_at = _monotonic()
        return _real_notify(self, n)

    def wait(self, timeout=None):
        began = _monotonic()
        clock.blocks()
        result = _real_condition_wait(self, timeout)
        notified = getattr(self, "_notified_at", None)
        if notified is not None and notified >= began:
            clock.note_lateness(notified)
            clock.on_schedule()
        return result

    return notify, wait


def make_rlock_factory(clock):
    """threading.RLock, telling the clock when a thread may wait on it (a thread's first line after
    such a wait is not late by the wait: see Clock.started). Everything else is the real RLock's,
    Condition's private hooks included."""

    class WaitingRLock:
        def __init__(self):
            self._inner = _real_rlock()

        def acquire(self, blocking=True, timeout=-1):
            clock.blocks()
            return self._inner.acquire(blocking, timeout)

        __enter__ = acquire

        def release(self):
            self._inner.release()

        def __exit__(self, *exc):
            self._inner.release()

        def __getattr__(self, name):
            return getattr(self._inner, name)

    return WaitingRLock


def make_start(clock):
    """Thread.start, timed: what it took is time the starting thread falls behind."""

    def timed_start(self):
        since = clock.elapsed()
        clock.started(self)
        _real_start(self)
        clock.falls_behind(clock.elapsed() - since)

    return timed_start


# Holding a lane back at the lock ----------------------------------------------------------------


class HoldBack:
    def __init__(self, lane, bound):
        self.lane = lane
        self.bound = bound  # real seconds the lane waits at most for another thread to lock
        self.seen = False


def paced_timeout(clock, timeout):
    """A timeout in notebook seconds, as real seconds to a deadline counted from the beat now."""
    if timeout is None or timeout < 0:
        return timeout, None
    deadline = clock.deadline(timeout)
    return max(0.0, deadline - _monotonic()), deadline


class GatedLock:
    """The example's Lock: its timeouts are paced, and, with --hold-back, the held-back lane's
    first acquire waits until another thread holds it."""

    clock = None  # set by main

    def __init__(self, hold):
        self._lock = _real_lock()
        self._hold = hold
        self._gate = _thread.allocate_lock()
        self._gate.acquire()  # released once another thread holds the lock
        self._opened = False
        self._waited = False
        self._held_since = 0.0
        self._released_at = None

    def acquire(self, blocking=True, timeout=-1):
        me = threading.current_thread().name
        since = GatedLock.clock.elapsed()
        began = _monotonic()
        if self._hold is not None and me == self._hold.lane and not self._waited:
            self._waited = True
            self._hold.seen = True
            if not self._gate.acquire(timeout=self._hold.bound):
                fail("--hold-back %s: no other thread took the lock within %g s"
                     % (me, self._hold.bound))
        real, deadline = paced_timeout(GatedLock.clock, timeout if blocking else None)
        GatedLock.clock.blocks()
        got = self._lock.acquire(blocking, -1 if real is None else real)
        if not got and deadline is not None:
            GatedLock.clock.note_lateness(deadline)
        GatedLock.clock.note("lock wait", since)
        if got:
            self._held_since = GatedLock.clock.elapsed()
            # Handed over late? Since its last release the lock was free for this waiter to take,
            # as the Swift runners' observed lock measures it: a busy machine is found here.
            released = self._released_at
            if released is not None and released >= began:
                GatedLock.clock.note_lateness(released)
                GatedLock.clock.on_schedule()
        if got and (self._hold is None or me != self._hold.lane) and not self._opened:
            self._opened = True
            self._gate.release()
        return got

    def release(self):
        since = self._held_since
        self._released_at = _monotonic()
        self._lock.release()
        GatedLock.clock.note("lock hold", since)

    def locked(self):
        return self._lock.locked()

    __enter__ = acquire

    def __exit__(self, *exc):
        self.release()


def make_lock_factory(hold):
    def lock_factory():
        # Only a lock the example module makes is gated; threading's own locks stay real.
        if sys._getframe(1).f_globals.get("__name__") in {m.__name__ for m in MODULES}:
            return GatedLock(hold)
        return _real_lock()

    return lock_factory


# Parent watch -----------------------------------------------------------------------------------


def watch_stdin():
    """Exit when stdin, a pipe from the parent, reaches end of file: the parent is gone."""
    try:
        while os.read(0, 4096):
            pass
    except OSError:
        pass
    os._exit(3)


def stdin_is_pipe():
    try:
        mode = os.fstat(0).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


# Main -------------------------------------------------------------------------------------------


def positive_float(text):
    value = float(text)
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError("must be a finite number > 0, not %s" % text)
    return value


def seed_value(text):
    value = int(text)
    if not 0 <= value <= MASK:
        raise argparse.ArgumentTypeError("must be in 0...2^64-1, not %s" % text)
    return value


def main():
    # The description is a literal, not the docstring: -OO (PYTHONOPTIMIZE=2) strips docstrings.
    parser = argparse.ArgumentParser(
        prog="harness.py", description="Runs one example and reports what it printed, as JSON Lines.")
    parser.add_argument("example", choices=sorted(EXAMPLES))
    parser.add_argument("--seed", type=seed_value, default=0)
    parser.add_argument("--pace", type=positive_float, default=1.0,
                        help="real seconds per notebook second (default 1)")
    parser.add_argument("--hold-back", metavar="LANE",
                        help="the thread that waits at its first acquire until another holds the lock")
    options = parser.parse_args()

    if hasattr(signal, "pthread_sigmask"):
        # A parent's thread may have blocked these (a Swift Dispatch worker blocks nearly all),
        # and a child inherits the mask: unblock them, so SIGTERM and Ctrl-C stop the run.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    if stdin_is_pipe():
        # A bare _thread thread: not a threading.Thread, so active_count() and enumerate() in
        # the examples do not see it.
        _thread.start_new_thread(watch_stdin, ())

    clock = Clock(options.pace)
    clock.reports_activities = True
    generator = SplitMix64(options.seed)
    time.sleep = clock.sleep
    time.time = clock.time
    time.ctime = recording_ctime
    random.randint = generator.randint
    threading.Thread.join = make_join(clock)
    threading.Thread.start = make_start(clock)
    threading.Condition.notify, threading.Condition.wait = make_condition_waits(clock)
    threading.Event.wait = make_paced_wait(_real_event_wait, clock)
    concurrent.futures.Future.result = make_paced_wait(_real_future_result, clock)
    GatedLock.clock = clock
    threading.Lock = make_lock_factory(None)
    threading.RLock = make_rlock_factory(clock)
    for module in MODULES:
        module.print = make_print(clock)
    hold = None
    if options.hold_back is not None:
        hold = HoldBack(options.hold_back, bound=max(5.0, 30 * options.pace))
        threading.Lock = make_lock_factory(hold)

    example = EXAMPLES[options.example][1]
    with _output_lock:
        clock.start()
        _write({"start": clock.start_wall})
    _thread.start_new_thread(clock.probe, ())
    try:
        example()
    except BaseException:
        lines = traceback.format_exc().rstrip().splitlines()
        os.write(2, ("\n".join(lines[:-1]) + "\n").encode())
        fail("%s failed: %s" % (options.example, lines[-1]), status=1)
    if hold is not None and not hold.seen:
        fail("--hold-back %s: no thread of that name acquired a lock" % options.hold_back)
    clock.note_probe_at_end()
    emit({"end": True, "lateness": clock.lateness})
    os._exit(0)


if __name__ == "__main__":
    main()
