# Simple threading, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's notebook_examples.py. Run it with `python3 python.py`.


import random
import threading
import time


# Threading Module -------------------------------------------------------------------------------


def do_async_job(threadName, delay):
    print("%s: %s" % (threadName, time.ctime(time.time())))
    time.sleep(delay)


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


if __name__ == "__main__":
    simple_threading()
