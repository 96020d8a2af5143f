"""Every example, the notebook's four and the eleven beyond it, as an asyncio developer writes it.

The fourth column: Python's own structured concurrency, beside Swift's. One coroutine function
per example, named after its id (``producer-consumer`` is ``producer_consumer``), listed in
``EXAMPLES``; ``run(example)`` runs one with ``asyncio.run``. Each prints the lines the threading
program (``notebook_examples.py``, ``beyond_examples.py``) prints, lane by lane: a line's lane is
the name of the task that prints it, and the main flow's is ``MainThread``.

What changes, and why: asyncio runs one task at a time on one thread, switching only at an
``await``. So ``create_task`` queues a task rather than starting it (it first runs when the
creating task next awaits), code between two awaits is never interleaved, and a task can be
cancelled at the await it is suspended in: ``TaskGroup``, ``asyncio.timeout`` and ``wait_for``
cancel, where a thread can only be asked to stop. Where an example's output differs by design
from the threading program's, the Swift catalogue declares it (worker-pool, timeouts,
semaphore's message, thread-local).

A line the port adds to the program an asyncio developer would write carries ``# port:``.

Python 3.11+, standard library only (``TaskGroup``, ``asyncio.timeout``). Run an example with
``asyncio_harness.py``, which paces ``asyncio.sleep``, keeps the example's clock and records
what it prints; called directly (``python3 asyncio_examples.py simple-threading``), an example
runs at the notebook's own pace.
"""

import asyncio
import contextvars
import random
import sys
import time


def run(example, *args):
    """``asyncio.run(example(*args))``, its main task named as threading names the main flow."""

    async def main():
        asyncio.current_task().set_name("MainThread")  # port: the lane of the main flow
        await example(*args)

    asyncio.run(main())


# Starting with thread: create_task, a reference kept -----------------------------------------


async def change_value(dir, key, value, delay):
    await asyncio.sleep(delay)
    dir[key] = value


async def start_new_thread():
    origin_value = {"a": 1, "b": 2}
    copy = dict(origin_value)  # port: a copy taken before the start, to compare with at the end

    # Fire and forget, as `_thread.start_new_thread`: but the event loop keeps only a weak
    # reference to a task, so a task nobody holds may vanish mid-sleep. Keep them.
    background = [
        asyncio.create_task(change_value(origin_value, "a", "changed", 1)),
        asyncio.create_task(change_value(origin_value, "b", "changed", 2)),
    ]

    print(origin_value)  # the tasks are queued, not yet run: nothing has changed

    # port: a program must wait for its tasks; asyncio.run cancels any still pending at its end
    for task in background:
        await task

    print(origin_value)
    print("a copy taken before the start:", copy)  # port: the dictionary as it was


# Threading Module: the task API ------------------------------------------------------------------


async def do_async_job(threadName, delay):
    print("%s: %s" % (threadName, time.ctime(time.time())))
    await asyncio.sleep(delay)


def task_names():
    # all_tasks() is a set, in no order: sorted, as threading.enumerate() lists them here
    return ", ".join(sorted(task.get_name() for task in asyncio.all_tasks()))


async def threading_module():
    print("current thread:", asyncio.current_task().get_name())
    print("active count:", len(asyncio.all_tasks()))  # the tasks not yet done

    job1 = asyncio.create_task(do_async_job("job-1", 3), name="job-1")
    job2 = asyncio.create_task(do_async_job("job-2", 1), name="job-2")

    print("active count:", len(asyncio.all_tasks()))
    print("enumerate:", task_names())
    print("job-1 is alive:", not job1.done())

    await job2  # the two jobs first run here, when the main task awaits
    print("job-2 is alive:", not job2.done())
    print("active count:", len(asyncio.all_tasks()))

    # join(timeout=1): asyncio.wait gives up after one second and, unlike wait_for, does not
    # cancel the task it waited for: job-1 runs on
    await asyncio.wait([job1], timeout=1)
    print("after join(timeout=1), job-1 is alive:", not job1.done())

    print("name:", job1.get_name())
    job1.set_name("job-1 renamed")
    print("renamed:", job1.get_name())

    await job1
    print("job-1 is alive:", not job1.done())
    print("enumerate:", task_names())


# Simple threading: create_task, then await each ------------------------------------------------


async def simple_threading_job(name, delay):
    print("Starting thread", name)
    await do_async_job(name, delay)
    print("Exiting", name)


async def simple_threading():
    # port: both delays drawn here, thread1's first, as the threading program draws them
    delay1 = random.randint(1, 4)
    delay2 = random.randint(1, 4)

    # Queued, not started: they first run when the main task awaits, after "wait thread1" (on
    # Python 3.12+, asyncio.eager_task_factory runs each to its first await right here)
    thread1 = asyncio.create_task(simple_threading_job("thread1", delay1), name="thread1")
    thread2 = asyncio.create_task(simple_threading_job("thread2", delay2), name="thread2")

    # thread2 may finish first, but the main task still waits for thread1 before thread2
    print("wait thread1")
    await thread1
    print("wait thread2")
    await thread2

    print("Done")


# Synchronizing Threads: asyncio.Lock around the print routine ---------------------------------


async def print_time(threadName, delay, counter):
    while counter:
        await asyncio.sleep(delay)
        print("%s: %s" % (threadName, time.ctime(time.time())))
        counter -= 1


async def locked_print_time(threadName, delay, counter):
    # Take the lock, so only one task prints its times at once: each sleep is an await, at which
    # the other task runs, and would print in between without it
    lock = await threadLock.acquire()  # True, as threading's acquire() returns
    try:
        print("lock value", lock)
        await print_time(threadName, delay, counter)
    finally:
        threadLock.release()  # give the lock back, for the next task


async def naive_print_time(threadName, delay, counter):
    """The anti-solution: a print routine that does not take the lock."""
    print("lock value", True)
    # hazard: every await in print_time lets the other task in, and it prints "lock value True"
    # while this one is still printing: the reentrant actor's interleaving, in asyncio
    await print_time(threadName, delay, counter)


async def synchronizing_thread(name, counter, print_routine):
    print("Starting " + name)
    await print_routine(name, counter, 3)


async def synchronizing_threads(print_routine=locked_print_time):
    global threadLock  # port: the notebook cell's globals are made inside this function

    threadLock = asyncio.Lock()

    # The task group is the join: it waits for both tasks when its block ends
    async with asyncio.TaskGroup() as threads:
        threads.create_task(synchronizing_thread("Thread-1", 1, print_routine), name="Thread-1")
        threads.create_task(synchronizing_thread("Thread-2", 2, print_routine), name="Thread-2")

    print("Exiting Main Thread")


threadLock = None  # port: made by synchronizing_threads(), as the notebook cell makes it


# producer-consumer: asyncio.Queue(maxsize=2) ---------------------------------------------------


async def producer(q):
    for item in range(1, 5):
        await q.put(item)  # waits while the queue holds two items: back-pressure
        print("put", item)
    await q.put(None)  # the sentinel: there is no more
    print("put the sentinel")


async def consumer(q):
    while True:
        item = await q.get()  # waits while the queue is empty
        if item is None:
            print("got the sentinel")
            q.task_done()
            break
        await asyncio.sleep(1)  # the work on the item
        print("processed", item)
        q.task_done()


async def producer_consumer():
    q = asyncio.Queue(maxsize=2)
    consumer_task = asyncio.create_task(consumer(q), name="consumer")
    producer_task = asyncio.create_task(producer(q), name="producer")

    await producer_task  # first: a q.join() awaited before anything was put returns at once
    await q.join()  # returns once every item put, the sentinel too, was marked done
    print("all items processed")
    await consumer_task


# worker-pool: a TaskGroup, two at a time, outcomes as they complete ---------------------------

JOBS = [(1, 3, False), (2, 1, False), (3, 1, True), (4, 2, False)]  # (n, seconds, fails)


class JobFailed(ValueError):
    def __init__(self, n):
        super().__init__("job %d failed" % n)
        self.n = n


async def square(n, seconds, fails):
    await asyncio.sleep(seconds)
    if fails:
        raise JobFailed(n)
    return n * n


async def worker_pool(max_workers=2):
    waiting = list(JOBS)
    try:
        async with asyncio.TaskGroup() as pool:
            # max_workers=2: a group runs every task it is given, so start two, and one more
            # each time one ends
            running = {}
            for job in waiting[:max_workers]:
                running[pool.create_task(square(*job), name="job-%d" % job[0])] = job[0]
            del waiting[:max_workers]
            while running:  # as_completed, with the tasks it returns
                done, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    n = running.pop(task)
                    print("job %d ->" % n, task.result())
                    if waiting:
                        job = waiting.pop(0)
                        running[pool.create_task(square(*job), name="job-%d" % job[0])] = job[0]
    except* JobFailed as group:
        # The first error cancelled the group: job 1 in its sleep, and the block's own wait, so
        # job 4 was never started. The group hands the errors on together.
        for error in group.exceptions:
            print("job %d raised:" % error.n, error)
    print("pool shut down")


# timeouts: asyncio.timeout, asyncio.wait, wait_for ---------------------------------------------
#
# At the edges (3.11 to 3.13 alike): asyncio.timeout(0) or (-1) has run out already and raises
# at the first await inside it, so an acquire of a free lock, which does not await, still gets it,
# as threading's acquire(timeout=0) does; but to threading -1 means "wait for ever" (and -2 is a
# ValueError), to asyncio "already over". wait_for(work, 0) or (-1) raises TimeoutError without
# running the work at all, where a pool's job runs whatever result(timeout=0) says.
# asyncio.wait([task], timeout=0) or (-1) returns at once with the task pending, as join(0) and
# join(-1) return at once.


async def slow_square(n):
    await asyncio.sleep(2)
    return n * n


async def timeouts():
    lock = asyncio.Lock()
    has_the_lock = asyncio.Event()

    async def hold():
        async with lock:
            has_the_lock.set()
            print("holder has the lock")
            await asyncio.sleep(3)
            print("holder lets go")

    holder = asyncio.create_task(hold(), name="holder")
    await has_the_lock.wait()  # a created task has not run yet, let alone reached the lock

    try:  # acquire(timeout=1): the timeout cancels the wait, which leaves the lock's queue
        async with asyncio.timeout(1):
            acquired = await lock.acquire()
    except TimeoutError:
        acquired = False
    print("acquire(timeout=1):", acquired)
    if acquired:
        lock.release()

    await asyncio.wait([holder], timeout=1)  # join(timeout=1): gives up, cancels nothing
    print("join(timeout=1): holder is alive:", not holder.done())

    try:  # result(timeout=1): wait_for cancels the job when the time is up
        print("result(timeout=1):", await asyncio.wait_for(slow_square(3), timeout=1))
    except TimeoutError:
        print("result(timeout=1): TimeoutError")
    # No result() after it, as the threading program has: the job was cancelled, not left running

    await holder
    print("done")


# stop-flags: Task.cancel() as the stop flag ----------------------------------------------------


async def worker():
    rounds = 0
    try:
        while True:
            rounds += 1
            print("round", rounds)
            await asyncio.sleep(2)  # cancel() ends this sleep, raising CancelledError here
    except asyncio.CancelledError:
        print("stopping after", rounds, "rounds")
        raise  # a cancelled task ends cancelled: swallowing it would hide the stop


async def wait(event, timeout):
    """threading.Event.wait(timeout): the flag, False when the time ran out first."""
    try:
        async with asyncio.timeout(timeout):
            return await event.wait()
    except TimeoutError:
        return event.is_set()


async def stop_flags():
    worker_task = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(3)

    print("asking the worker to stop")
    worker_task.cancel()  # cooperative still: it lands at the worker's next await
    await asyncio.wait([worker_task])  # the join: returns once it ended, without raising
    print("worker joined")

    print("wait(1) on an event nobody sets:", await wait(asyncio.Event(), 1))


# semaphore: asyncio.BoundedSemaphore -----------------------------------------------------------


async def semaphore(value=2):
    pool = asyncio.BoundedSemaphore(value)

    async def worker():
        async with pool:  # waits while two workers are inside
            print("inside")
            await asyncio.sleep(2)
            print("leaving")

    async with asyncio.TaskGroup() as workers:
        for n in range(1, 5):
            workers.create_task(worker(), name="worker%d" % n)
    print("all workers done")

    try:  # every place is free again: one more release is a bug, and a bounded semaphore says so
        pool.release()
    except ValueError as error:
        print("release() once too many:", error)


# thread-local: contextvars ---------------------------------------------------------------------

request = contextvars.ContextVar("request", default=None)


def log(message):  # no request parameter: it reads the task's own
    print(message, request.get())


async def helper(message):
    log(message)


async def handle(n, seconds):
    request.set("request %d" % n)  # this task's own context: the other worker sets its own
    await asyncio.sleep(seconds)
    log("handling")
    # a task starts with a copy of the context of the task that creates it: the helper sees
    # this worker's request (a thread started here would start with an empty threading.local)
    await asyncio.create_task(helper("helper sees"), name="helper%d" % n)


async def thread_local():
    async with asyncio.TaskGroup() as workers:
        for n in (1, 2):
            workers.create_task(handle(n, n), name="worker%d" % n)
    print("main sees a request:", request.get() is not None)  # main set nothing


# data-race: read, modify, write, and no lock ---------------------------------------------------


def touch():
    """Any plain call at all: in a thread the GIL may switch here, in a task nothing can."""


async def data_race(workers=4, times=100):
    shared = {"count": 0}

    async def add_one():
        for _ in range(times):
            # No lock, and none needed: one task runs at a time and is switched only at an await,
            # and there is none between the read and the write. Put one there (an
            # `await asyncio.sleep(0)` before the write) and the other tasks' updates come in
            # between and are lost, as in the threading program without its lock (4 tasks of
            # 10,000 kept 10,000 of 40,000 on 3.11 to 3.13, every run: the loop takes them in
            # turn, so each round all four read the same count). From then on the update needs
            # an asyncio.Lock, held across the await.
            value = shared["count"]
            touch()
            shared["count"] = value + 1
        print("added", times)

    async with asyncio.TaskGroup() as threads:
        for n in range(1, workers + 1):
            threads.create_task(add_one(), name="worker%d" % n)
    print("count:", shared["count"], "of", workers * times)


# condition: asyncio.Condition ------------------------------------------------------------------


async def condition():
    ready = asyncio.Condition()
    items = []

    async def consume():
        async with ready:
            await ready.wait_for(lambda: items)  # gives the lock up while it waits; re-checks
            item = items.pop(0)
        print("got", item)

    async with asyncio.TaskGroup() as consumers:  # the join: the block waits for both
        for n in (1, 2):
            consumers.create_task(consume(), name="consumer%d" % n)
        await asyncio.sleep(1)
        async with ready:
            items.append("first")
            print("put first")
            ready.notify()  # wakes one waiter, the longest waiting
        await asyncio.sleep(1)
        async with ready:
            items.append("second")
            print("put second")
            ready.notify_all()  # wakes every waiter; one finding nothing waits again
    print("both consumers done")


# reentrant-lock: asyncio has no RLock ----------------------------------------------------------
#
# asyncio.Lock is not reentrant, like Swift's AsyncLock: a task that takes it again while
# holding it waits for itself, for ever (the lock knows no owner). So the logging function is
# split, as the Swift task version splits it: the caller takes the lock once, and what it calls
# under that hold does not take it again.


def log_holding_the_lock(message):
    """Logs message; the caller holds the lock. threading: the log that takes the RLock again."""
    print(message)


async def transfer(lock, seconds):
    async with lock:
        log_holding_the_lock("takes the lock")
        await asyncio.sleep(seconds)
        log_holding_the_lock("gives it back")


async def reentrant_lock():
    lock = asyncio.Lock()
    async with asyncio.TaskGroup() as workers:
        for n in (1, 2):
            workers.create_task(transfer(lock, n), name="worker%d" % n)
    print("both workers done")


# barrier: asyncio.Barrier ----------------------------------------------------------------------


async def barrier():
    meeting = asyncio.Barrier(3)

    async def run(seconds):
        await asyncio.sleep(seconds)
        print("arrived")
        await meeting.wait()  # suspends until all three are here
        print("go")

    async with asyncio.TaskGroup() as runners:
        for n in (1, 2, 3):
            runners.create_task(run(n), name="runner%d" % n)
    print("all through")


# timer: a task that sleeps, then calls; a ticker, cancelled ------------------------------------


async def call_later(delay, function):
    """threading.Timer(delay, function): a task that sleeps, then calls. Cancelling the task
    ends its sleep (or, not yet started, keeps it from running), so function is never called.
    (loop.call_later is the other asyncio timer: its callback runs outside any task.)"""
    await asyncio.sleep(delay)
    function()


async def tick():
    ticks = 0
    try:
        while True:  # threading: `while not stop.wait(2)`; here cancel() is the stop
            await asyncio.sleep(2)
            ticks += 1
            print("tick", ticks)
    finally:
        print("ticker stopped")  # and the CancelledError goes on: the task ends cancelled


async def timer():
    reminder = asyncio.create_task(
        call_later(2, lambda: print("reminder fired")), name="reminder")
    cancelled = asyncio.create_task(
        call_later(1, lambda: print("never printed")), name="cancelled")
    cancelled.cancel()  # before its second is up: it never fires
    print("cancelled one")

    ticker = asyncio.create_task(tick(), name="ticker")

    await asyncio.sleep(3)
    ticker.cancel()  # lands in the ticker's sleep, between its first and second tick
    await asyncio.wait([reminder, cancelled, ticker])  # the joins: return without raising
    print("done")


# lost-errors: an exception in a task ------------------------------------------------------------


async def fail_after_a_second():
    await asyncio.sleep(1)
    raise ValueError("worker failed")


async def lost_errors():
    # A task's exception goes to whoever awaits it: the group raises it here, in an
    # ExceptionGroup. A task created with create_task and never awaited keeps its exception
    # until it is garbage-collected, when asyncio only logs "Task exception was never retrieved".
    try:
        async with asyncio.TaskGroup() as group:
            group.create_task(fail_after_a_second(), name="worker")
    except* ValueError as failures:
        print("uncaught in worker:", failures.exceptions[0])
    print("main goes on")


EXAMPLES = {  # port: the example ids the Swift package uses
    "start-new-thread": start_new_thread,
    "threading-module": threading_module,
    "simple-threading": simple_threading,
    "synchronizing-threads": synchronizing_threads,
    "producer-consumer": producer_consumer,
    "worker-pool": worker_pool,
    "timeouts": timeouts,
    "stop-flags": stop_flags,
    "semaphore": semaphore,
    "thread-local": thread_local,
    "data-race": data_race,
    "condition": condition,
    "reentrant-lock": reentrant_lock,
    "barrier": barrier,
    "timer": timer,
    "lost-errors": lost_errors,
}

VARIANTS = {  # port: the anti-solutions, by the name of the Swift variant they mirror
    ("synchronizing-threads", "naive-actor"): (synchronizing_threads, naive_print_time),
}


if __name__ == "__main__":
    run(EXAMPLES[sys.argv[1]])
