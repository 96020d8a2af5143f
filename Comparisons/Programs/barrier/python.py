# Barriers, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import threading
import time


# barrier: threading.Barrier -------------------------------------------------------------------


def barrier():
    meeting = threading.Barrier(3)

    def run(seconds):
        time.sleep(seconds)
        print("arrived")
        meeting.wait()  # blocks until all three are here
        print("go")

    runners = [threading.Thread(target=run, args=(n,), name="runner%d" % n) for n in (1, 2, 3)]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    print("all through")


if __name__ == "__main__":
    barrier()
