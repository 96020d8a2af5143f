"""Beyond the notebook: the rest of Python's threading toolbox, as the package's Python column.

One function per example of the group "beyond the notebook", named after the example's id
(``producer-consumer`` is ``producer_consumer``), listed in ``EXAMPLES``. Each prints exactly the
lines the two Swift versions print (``Sources/ThreadVersions/Examples`` and
``Sources/TaskVersions/Examples``), lane by lane: a line's lane is the name of the thread that
prints it, and the main flow's is ``MainThread``.

Plain Python 3.8+, standard library only. Delays are whole seconds (one beat each).

For the harness (``harness.py``), which paces ``time.sleep``: these examples also wait with a
timeout, and those waits need pacing too, with a deadline counted from the beat the wait begins
on, as ``time.sleep``'s is: ``threading.Event.wait(timeout)``, ``threading.Lock.acquire(timeout=)``,
``threading.Thread.join(timeout)`` and ``concurrent.futures.Future.result(timeout=)``. Called
directly, the functions run at the notebook's own pace.
"""

import concurrent.futures
import queue
import random  # noqa: F401  (the harness seeds random.randint; the examples draw no numbers yet)
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


# producer-consumer: queue.Queue --------------------------------------------------------------


def producer(q):
    for item in range(1, 5):
        q.put(item)  # blocks while the queue holds two items: back-pressure
        print("put", item)
    q.put(None)  # the sentinel: there is no more
    print("put the sentinel")


def consumer(q):
    while True:
        item = q.get()  # blocks while the queue is empty
        if item is None:
            print("got the sentinel")
            q.task_done()
            break
        time.sleep(1)  # the work on the item
        print("processed", item)
        q.task_done()


def producer_consumer():
    q = queue.Queue(maxsize=2)
    consumer_thread = threading.Thread(target=consumer, args=(q,), name="consumer")
    producer_thread = threading.Thread(target=producer, args=(q,), name="producer")
    consumer_thread.start()
    producer_thread.start()

    producer_thread.join()  # first: a q.join() called before anything was put returns at once
    q.join()  # returns once every item put, the sentinel too, was marked done
    print("all items processed")
    consumer_thread.join()


# worker-pool: concurrent.futures.ThreadPoolExecutor ----------------------------------------------

JOBS = [(1, 3, False), (2, 1, False), (3, 1, True), (4, 2, False)]  # (n, seconds, fails)


def square(n, seconds, fails):
    time.sleep(seconds)
    if fails:
        raise ValueError("job %d failed" % n)
    return n * n


def worker_pool(max_workers=2):
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = {pool.submit(square, *job): job[0] for job in JOBS}
        for future in as_completed(futures):  # in the order the jobs finish
            n = futures[future]
            try:
                print("job %d ->" % n, future.result())  # raises the job's exception
            except ValueError as error:
                print("job %d raised:" % n, error)
    # leaving the with block waited for every job: the pool cancels nothing that runs
    print("pool shut down")


# timeouts: acquire(timeout=), join(timeout), result(timeout=) ----------------------------------


def slow_square(n):
    time.sleep(2)
    return n * n


def timeouts():
    lock = threading.Lock()
    has_the_lock = threading.Event()

    def hold():
        with lock:
            has_the_lock.set()
            print("holder has the lock")
            time.sleep(3)
            print("holder lets go")

    holder = threading.Thread(target=hold, name="holder")
    holder.start()
    has_the_lock.wait()  # a started thread may not have reached the lock yet

    acquired = lock.acquire(timeout=1)  # False when the time is up first
    print("acquire(timeout=1):", acquired)
    if acquired:
        lock.release()

    holder.join(timeout=1)  # returns when the time is up, finished or not
    print("join(timeout=1): holder is alive:", holder.is_alive())

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(slow_square, 3)
        try:
            print("result(timeout=1):", future.result(timeout=1))
        except concurrent.futures.TimeoutError:  # the built-in TimeoutError from Python 3.11
            print("result(timeout=1): TimeoutError")
        print("result():", future.result())  # only the waiting timed out: the job ran on

    holder.join()
    print("done")


# stop-flags: threading.Event as a stop flag -------------------------------------------------


def stop_flags():
    stop = threading.Event()

    def worker():
        rounds = 0
        while not stop.is_set():  # only the thread itself ever looks at the flag
            rounds += 1
            print("round", rounds)
            stop.wait(2)  # a sleep that stop.set() cuts short
        print("stopping after", rounds, "rounds")

    worker_thread = threading.Thread(target=worker, name="worker")
    worker_thread.start()
    time.sleep(3)

    print("asking the worker to stop")
    stop.set()  # cooperative: nothing can stop a Python thread from outside
    worker_thread.join()
    print("worker joined")

    print("wait(1) on an event nobody sets:", threading.Event().wait(1))  # the flag: False


# semaphore: threading.BoundedSemaphore -----------------------------------------------------------


def semaphore(value=2):
    pool = threading.BoundedSemaphore(value)

    def worker():
        with pool:  # blocks while two workers are inside
            print("inside")
            time.sleep(2)
            print("leaving")

    workers = [threading.Thread(target=worker, name="worker%d" % n) for n in range(1, 5)]
    for worker_thread in workers:
        worker_thread.start()
    for worker_thread in workers:
        worker_thread.join()
    print("all workers done")

    try:  # every place is free again: one more release is a bug, and a bounded semaphore says so
        pool.release()
    except ValueError as error:
        print("release() once too many:", error)


# thread-local: threading.local ---------------------------------------------------------------


def thread_local():
    local = threading.local()

    def log(message):  # no request parameter: it reads the thread's own
        print(message, getattr(local, "request", None))

    def handle(request, seconds, helper_name):
        local.request = request  # this thread's own: the other worker sets its own
        time.sleep(seconds)
        log("handling")
        # a thread started from here starts with nothing in local: it sees None
        helper = threading.Thread(target=log, args=("helper sees",), name=helper_name)
        helper.start()
        helper.join()

    workers = [threading.Thread(target=handle, args=("request %d" % n, n, "helper%d" % n),
                                name="worker%d" % n) for n in (1, 2)]
    for worker_thread in workers:
        worker_thread.start()
    for worker_thread in workers:
        worker_thread.join()
    print("main sees a request:", hasattr(local, "request"))  # main set nothing


# data-race: read, modify, write under a threading.Lock --------------------------------------


def touch():
    """Any call at all: between the read and the write, it gives the GIL a chance to switch."""


def data_race(workers=4, times=100, lock=None):
    lock = lock or threading.Lock()
    shared = {"count": 0}

    def add_one():
        for _ in range(times):
            with lock:  # without it, another thread's read and write can come between these
                value = shared["count"]
                touch()
                shared["count"] = value + 1
        print("added", times)

    threads = [threading.Thread(target=add_one, name="worker%d" % n) for n in range(1, workers + 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print("count:", shared["count"], "of", workers * times)


# condition: threading.Condition -------------------------------------------------------------


def condition():
    ready = threading.Condition()
    items = []

    def consume():
        with ready:
            ready.wait_for(lambda: items)  # gives the lock up while it waits; re-checks on waking
            item = items.pop(0)
        print("got", item)

    consumers = [threading.Thread(target=consume, name="consumer%d" % n) for n in (1, 2)]
    for consumer in consumers:
        consumer.start()
    time.sleep(1)
    with ready:
        items.append("first")
        print("put first")
        ready.notify()  # wakes one waiter
    time.sleep(1)
    with ready:
        items.append("second")
        print("put second")
        ready.notify_all()  # wakes every waiter; one finding nothing would wait again
    for consumer in consumers:
        consumer.join()
    print("both consumers done")


# reentrant-lock: threading.RLock ---------------------------------------------------------------


def reentrant_lock():
    lock = threading.RLock()

    def log(message):
        with lock:  # taken again by the thread that holds it: an RLock counts, a Lock would hang
            print(message)

    def transfer(seconds):
        with lock:
            log("takes the lock")
            time.sleep(seconds)
            log("gives it back")

    workers = [threading.Thread(target=transfer, args=(n,), name="worker%d" % n) for n in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print("both workers done")


# barrier: threading.Barrier -------------------------------------------------------------------


def barrier():
    meeting = threading.Barrier(3)

    def run(seconds):
        time.sleep(seconds)
        print("arrived")
        meeting.wait()  # blocks until all three are here
        print("go")

    runners = [threading.Thread(target=run, args=(n,), name="runner%d" % n) for n in (1, 2, 3)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    print("all through")


# timer: threading.Timer and a ticker -----------------------------------------------------------


def timer():
    reminder = threading.Timer(2, lambda: print("reminder fired"))  # waits 2 s, then calls
    reminder.name = "reminder"
    cancelled = threading.Timer(1, lambda: print("never printed"))
    cancelled.name = "cancelled"
    reminder.start()
    cancelled.start()
    cancelled.cancel()  # before its second is up: it never fires
    print("cancelled one")

    stop = threading.Event()

    def tick():
        ticks = 0
        while not stop.wait(2):  # the wait is the tick, and the way to stop
            ticks += 1
            print("tick", ticks)
        print("ticker stopped")

    ticker = threading.Thread(target=tick, name="ticker")
    ticker.start()

    time.sleep(3)
    stop.set()
    for thread in (reminder, cancelled, ticker):
        thread.join()
    print("done")


# lost-errors: threading.excepthook -------------------------------------------------------------


def lost_errors():
    def report(args):  # called in the thread that failed, with what it raised
        print("uncaught in %s:" % args.thread.name, args.exc_value)

    def fail_after_a_second():
        time.sleep(1)
        raise ValueError("worker failed")

    threading.excepthook = report  # the default prints a traceback on stderr
    worker = threading.Thread(target=fail_after_a_second, name="worker")
    worker.start()
    worker.join()
    threading.excepthook = threading.__excepthook__
    print("main goes on")


EXAMPLES = {  # the example ids the Swift package uses
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
