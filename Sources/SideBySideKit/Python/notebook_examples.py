"""The notebook's four threading examples, as the package's own small Python program.

Each function is one notebook cell (or two, where the notebook splits an example), written with
the constructs the notebook uses: ``_thread.start_new_thread``, ``threading.Thread`` subclasses
with ``run()``, ``start``, ``join``, ``Lock.acquire``/``release``, ``time.ctime(time.time())``,
``random.randint`` and ``time.sleep``. Names are the modern ones (``current_thread``,
``active_count``, ``.name``); the notebook's camelCase spellings are deprecated since 3.10.

A line the port adds to a notebook cell carries a ``# port:`` comment saying why.

Plain Python 3.8+, standard library only. Run an example with ``harness.py``, which paces the
sleeps, keeps the example's clock and records what it prints; called directly, the functions
run at the notebook's own pace.
"""

import _thread
import random
import threading
import time


# Starting with thread ---------------------------------------------------------------------------


def change_value(dir, key, value, delay, done):
    time.sleep(delay)
    dir[key] = value
    done.release()  # port: tell the main flow this worker has finished


def start_new_thread():
    origin_value = {"a": 1, "b": 2}
    copy = dict(origin_value)  # port: a copy taken before the start, to compare with at the end
    # port: one lock per worker, held until the worker releases it; `_thread` has no join
    done_a = _thread.allocate_lock()
    done_b = _thread.allocate_lock()
    done_a.acquire()
    done_b.acquire()

    try:
        _thread.start_new_thread(change_value, (origin_value, "a", "changed", 1, done_a))
        _thread.start_new_thread(change_value, (origin_value, "b", "changed", 2, done_b))
    except Exception:
        print("Error: unable to start thread")

    print(origin_value)  # port: printed at once; the workers have not changed anything yet

    # port: a program must wait for its workers; the notebook's second cell is run later, by hand
    done_a.acquire()
    done_b.acquire()

    # The notebook's second cell: the workers changed the dictionary they were passed.
    print(origin_value)
    print("a copy taken before the start:", copy)  # port: the dictionary as it was


# Threading Module -------------------------------------------------------------------------------


def do_async_job(threadName, delay):
    print("%s: %s" % (threadName, time.ctime(time.time())))
    time.sleep(delay)


def threading_module():
    # port: the notebook lists these calls in prose; this tour makes each one print
    print("current thread:", threading.current_thread().name)
    print("active count:", threading.active_count())

    job1 = threading.Thread(target=do_async_job, args=("job-1", 3), name="job-1")
    job2 = threading.Thread(target=do_async_job, args=("job-2", 1), name="job-2")
    job1.start()
    job2.start()

    print("active count:", threading.active_count())
    print("enumerate:", ", ".join(t.name for t in threading.enumerate()))
    print("job-1 is alive:", job1.is_alive())

    job2.join()
    print("job-2 is alive:", job2.is_alive())
    print("active count:", threading.active_count())

    job1.join(1)  # join([time]): gives up after one second, job-1 still running
    print("after join(timeout=1), job-1 is alive:", job1.is_alive())

    print("name:", job1.name)  # getName() before Python 3.10
    job1.name = "job-1 renamed"  # setName() before Python 3.10
    print("renamed:", job1.name)

    job1.join()
    print("job-1 is alive:", job1.is_alive())
    print("enumerate:", ", ".join(t.name for t in threading.enumerate()))


# Simple threading -------------------------------------------------------------------------------


class SimpleThreading(threading.Thread):
    def __init__(self, name, delay):
        threading.Thread.__init__(self)
        self.name = name
        self.delay = delay  # port: drawn by the main flow, so a seed fixes who gets which delay

    def run(self):
        print("Starting thread", self.name)
        do_async_job(self.name, self.delay)
        print("Exiting", self.name)


def simple_threading():
    # port: both delays drawn here, thread1's first, instead of in each run()
    delay1 = random.randint(1, 4)
    delay2 = random.randint(1, 4)

    thread1 = SimpleThreading("thread1", delay1)
    thread2 = SimpleThreading("thread2", delay2)

    thread1.start()
    thread2.start()

    # thread2 may finish first, but the main flow still waits for thread1 before thread2
    print("wait thread1")
    thread1.join()
    print("wait thread2")
    thread2.join()

    print("Done")


# Synchronizing Threads --------------------------------------------------------------------------


class SynchronizingThread(threading.Thread):
    def __init__(self, threadID, name, counter):
        threading.Thread.__init__(self)
        self.threadID = threadID
        self.name = name
        self.counter = counter

    def run(self):
        print("Starting " + self.name)
        # Take the lock, so only one thread prints its times at once
        lock = threadLock.acquire()
        print("lock value", lock)
        print_time(self.name, self.counter, 3)
        # Give the lock back, for the next thread
        threadLock.release()


def print_time(threadName, delay, counter):
    while counter:
        time.sleep(delay)
        print("%s: %s" % (threadName, time.ctime(time.time())))
        counter -= 1


def synchronizing_threads():
    global threadLock  # port: the notebook cell's globals are made inside this function

    threadLock = threading.Lock()
    threads = []

    sync_thread1 = SynchronizingThread(1, "Thread-1", 1)
    sync_thread2 = SynchronizingThread(2, "Thread-2", 2)

    sync_thread1.start()
    sync_thread2.start()

    threads.append(sync_thread1)
    threads.append(sync_thread2)

    # Wait until both threads have finished
    for t in threads:
        t.join()

    print("Exiting Main Thread")


threadLock = None  # port: made by synchronizing_threads(), as the notebook cell makes it

EXAMPLES = {  # port: the example ids the Swift package uses
    "start-new-thread": start_new_thread,
    "threading-module": threading_module,
    "simple-threading": simple_threading,
    "synchronizing-threads": synchronizing_threads,
}
