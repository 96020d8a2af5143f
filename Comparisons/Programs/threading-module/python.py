# Threading Module, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's notebook_examples.py. Run it with `python3 python.py`.


import threading
import time


# Threading Module -------------------------------------------------------------------------------


def do_async_job(threadName, delay):
    print("%s: %s" % (threadName, time.ctime(time.time())))
    time.sleep(delay)


def threading_module():
    # port: the notebook lists these calls in prose; this tour makes each one print
    print("current thread:", threading.current_thread().name)
    print("active count:", threading.active_count())

    job1 = threading.Thread(target=do_async_job, args=("job-1", 3), name="job-1")
    job2 = threading.Thread(target=do_async_job, args=("job-2", 1), name="job-2")
    job1.start()
    job2.start()

    print("active count:", threading.active_count())
    print("enumerate:", ", ".join(t.name for t in threading.enumerate()))
    print("job-1 is alive:", job1.is_alive())

    job2.join()
    print("job-2 is alive:", job2.is_alive())
    print("active count:", threading.active_count())

    job1.join(1)  # join([time]): gives up after one second, job-1 still running
    print("after join(timeout=1), job-1 is alive:", job1.is_alive())

    print("name:", job1.name)  # getName() before Python 3.10
    job1.name = "job-1 renamed"  # setName() before Python 3.10
    print("renamed:", job1.name)

    job1.join()
    print("job-1 is alive:", job1.is_alive())
    print("enumerate:", ", ".join(t.name for t in threading.enumerate()))


if __name__ == "__main__":
    threading_module()
