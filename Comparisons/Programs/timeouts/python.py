# Timeouts, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import concurrent.futures
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed


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


if __name__ == "__main__":
    timeouts()
