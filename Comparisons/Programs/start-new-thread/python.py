# Starting with thread, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's notebook_examples.py. Run it with `python3 python.py`.


import _thread
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


if __name__ == "__main__":
    start_new_thread()
