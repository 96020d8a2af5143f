# Stop flags and threading.Event, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    stop_flags()
