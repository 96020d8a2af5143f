# Errors in threads and tasks, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    lost_errors()
