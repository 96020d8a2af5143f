# Producer and consumer with queue.Queue, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import queue
import threading
import time


# producer-consumer: queue.Queue --------------------------------------------------------------


def producer(q):
    for item in range(1, 5):
        q.put(item)  # blocks while the queue holds two items: back-pressure
        print("put", item)
    q.put(None)  # the sentinel: there is no more
    print("put the sentinel")


def consumer(q):
    while True:
        item = q.get()  # blocks while the queue is empty
        if item is None:
            print("got the sentinel")
            q.task_done()
            break
        time.sleep(1)  # the work on the item
        print("processed", item)
        q.task_done()


def producer_consumer():
    q = queue.Queue(maxsize=2)
    consumer_thread = threading.Thread(target=consumer, args=(q,), name="consumer")
    producer_thread = threading.Thread(target=producer, args=(q,), name="producer")
    consumer_thread.start()
    producer_thread.start()

    producer_thread.join()  # first: a q.join() called before anything was put returns at once
    q.join()  # returns once every item put, the sentinel too, was marked done
    print("all items processed")
    consumer_thread.join()


if __name__ == "__main__":
    producer_consumer()
