# Read, modify, write, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading


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


if __name__ == "__main__":
    data_race()
