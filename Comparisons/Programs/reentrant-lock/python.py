# Reentrant locks, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    reentrant_lock()
