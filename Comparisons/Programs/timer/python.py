# Timers and tickers, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


# timer: threading.Timer and a ticker -----------------------------------------------------------


def timer():
    reminder = threading.Timer(2, lambda: print("reminder fired"))  # waits 2 s, then calls
    reminder.name = "reminder"
    cancelled = threading.Timer(1, lambda: print("never printed"))
    cancelled.name = "cancelled"
    reminder.start()
    cancelled.start()
    cancelled.cancel()  # before its second is up: it never fires
    print("cancelled one")

    stop = threading.Event()

    def tick():
        ticks = 0
        while not stop.wait(2):  # the wait is the tick, and the way to stop
            ticks += 1
            print("tick", ticks)
        print("ticker stopped")

    ticker = threading.Thread(target=tick, name="ticker")
    ticker.start()

    time.sleep(3)
    stop.set()
    for thread in (reminder, cancelled, ticker):
        thread.join()
    print("done")


if __name__ == "__main__":
    timer()
