# Thread-local state, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    thread_local()
