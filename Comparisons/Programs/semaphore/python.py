# Semaphores, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    semaphore()
