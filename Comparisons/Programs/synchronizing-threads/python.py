# Synchronizing Threads, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's notebook_examples.py. Run it with `python3 python.py`.


import threading
import time


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


if __name__ == "__main__":
    synchronizing_threads()
