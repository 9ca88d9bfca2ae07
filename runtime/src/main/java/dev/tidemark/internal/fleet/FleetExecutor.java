package dev.tidemark.internal.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs one task per target on at most {@code parallelism} threads that belong to one call: they are
 * created for it, named {@value #THREAD_PREFIX}N, and every one has ended (joined) when {@link
 * #runAll} returns, whether the tasks succeeded, threw or the caller was interrupted. The threads do
 * the targets' real work (each its own sessions and lock); nothing here is about speed.
 */
public final class FleetExecutor {

    /** The name every thread of a run starts with. */
    public static final String THREAD_PREFIX = "tidemark-target-";

    private final int parallelism;

    public FleetExecutor(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * Runs {@code task} on each item, at most {@code parallelism} at once, in the items' order, and
     * returns the results in that order. A task should catch its own failures; one that throws all
     * the same ends the call with that failure, after every other task has ended. When the calling
     * thread is interrupted, {@code onInterrupt} runs once (to stop the tasks), the call waits for
     * the tasks to end, and it returns with the thread's interrupt flag set again.
     */
    public <T, R> List<R> runAll(List<T> items, Function<T, R> task, Runnable onInterrupt) {
        List<Thread> threads = new ArrayList<>();
        ExecutorService pool =
                Executors.newFixedThreadPool(Math.min(parallelism, Math.max(1, items.size())), threadsInto(threads));
        boolean interrupted = false;
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> task.apply(item)));
            }
            pool.shutdown();
            List<R> results = new ArrayList<>();
            RuntimeException thrown = null;
            for (Future<R> future : futures) {
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        if (!interrupted) {
                            interrupted = true;
                            onInterrupt.run();
                        }
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        thrown = thrown == null ? asRuntime(e.getCause()) : thrown;
                        results.add(null);
                        break;
                    }
                }
            }
            if (thrown != null) {
                throw thrown;
            }
            return results;
        } finally {
            pool.shutdownNow();
            interrupted |= awaitEnd(pool, threads);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    /** Waits, uninterruptibly, until the pool has ended and each of its threads has died. */
    private static boolean awaitEnd(ExecutorService pool, List<Thread> threads) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<Thread> started;
        synchronized (threads) {
            started = List.copyOf(threads);
        }
        for (Thread thread : started) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        return interrupted;
    }

    private static ThreadFactory threadsInto(List<Thread> threads) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + count.incrementAndGet());
            synchronized (threads) {
                threads.add(thread);
            }
            return thread;
        };
    }
}
