# A pool of workers with results and exceptions, Python: a whole program, assembled by `swift run regenerate-pages`
# from the package's beyond_examples.py. Run it with `python3 python.py`.


import time
from concurrent.futures import ThreadPoolExecutor, as_completed


# worker-pool: concurrent.futures.ThreadPoolExecutor ----------------------------------------------

JOBS = [(1, 3, False), (2, 1, False), (3, 1, True), (4, 2, False)]  # (n, seconds, fails)


def square(n, seconds, fails):
    time.sleep(seconds)
    if fails:
        raise ValueError("job %d failed" % n)
    return n * n


def worker_pool(max_workers=2):
    with ThreadPoolExecutor(max_workers=max_workers) as pool:
        futures = {pool.submit(square, *job): job[0] for job in JOBS}
        for future in as_completed(futures):  # in the order the jobs finish
            n = futures[future]
            try:
                print("job %d ->" % n, future.result())  # raises the job's exception
            except ValueError as error:
                print("job %d raised:" % n, error)
    # leaving the with block waited for every job: the pool cancels nothing that runs
    print("pool shut down")


if __name__ == "__main__":
    worker_pool()
