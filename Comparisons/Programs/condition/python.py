# Conditions, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


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


# condition: threading.Condition -------------------------------------------------------------


def condition():
    ready = threading.Condition()
    items = []

    def consume():
        with ready:
            ready.wait_for(lambda: items)  # gives the lock up while it waits; re-checks on waking
            item = items.pop(0)
        print("got", item)

    consumers = [threading.Thread(target=consume, name="consumer%d" % n) for n in (1, 2)]
    for consumer in consumers:
        consumer.start()
    time.sleep(1)
    with ready:
        items.append("first")
        print("put first")
        ready.notify()  # wakes one waiter
    time.sleep(1)
    with ready:
        items.append("second")
        print("put second")
        ready.notify_all()  # wakes every waiter; one finding nothing would wait again
    for consumer in consumers:
        consumer.join()
    print("both consumers done")


if __name__ == "__main__":
    condition()
